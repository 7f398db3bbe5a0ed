import { expect, test } from "@playwright/test";
import { admin } from "./credentials";

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a wrong password is refused with a message", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("Email").fill(admin().email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
  });

  test("the right password lands in the shell, and sign-out leaves it", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("Email").fill(admin().email);
    await page.getByLabel("Password").fill(admin().password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Teams", "Exports", "Report", "Open CSV"])
      await expect(nav.getByRole("link", { name })).toBeVisible();
    await expect(page.getByText(admin().email)).toBeVisible();
    await expect(page.getByText("Embedded engine")).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/exports");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fexports/);
  });

  test("a deep link with a query string returns to that same link after sign-in", async ({ page }) => {
    const deepLink = "/teams/eng-payments?start=2026-01-01&end=2026-03-31&granularity=WEEKLY&aggregation=p90";
    await page.goto(deepLink);
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    await page.getByLabel("Email").fill(admin().email);
    await page.getByLabel("Password").fill(admin().password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/teams/eng-payments");
    expect(new URL(page.url()).search).toBe(new URL(deepLink, "http://x").search);
  });
});
