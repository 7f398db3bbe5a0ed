import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

async function openTeamView(page: Page) {
  await page.goto("/teams/eng?range=3m&granularity=MONTHLY");
  await expect(page.getByRole("status").filter({ hasText: "Export status" })).toContainText("Completed", {
    timeout: 30_000,
  });
}

test("the exports list shows a team view's export, completed, with its actions", async ({ page }) => {
  await openTeamView(page);
  await page.goto("/exports");
  const card = page
    .getByRole("list", { name: "Exports" })
    .getByRole("article", { name: /^Team eng, / })
    .first();
  await expect(card.getByRole("status").first()).toHaveText("Completed", { timeout: 30_000 });
  await expect(card).toContainText("monthly, median, benchmark sei");
  await expect(card).toContainText(/Size\s*[\d.]+ (bytes|kB|MB)/);

  const download = await card.getByRole("link", { name: /^Download/ }).getAttribute("href");
  expect(download).toMatch(/^\/api\/exports\/[\w-]+\/download\?as=gzip$/);
  expect((await page.request.get(download!)).status()).toBe(200);

  await card.getByRole("button", { name: /^Run again/ }).click();
  await expect(card.getByRole("status").filter({ hasText: "reused" })).toHaveText(
    "An identical recent export was reused.",
  );

  await card.getByRole("link", { name: /^Open as a view/ }).click();
  await expect(page).toHaveURL(
    /\/teams\/eng\?range=custom&start=\d{4}-\d\d-\d\d&end=\d{4}-\d\d-\d\d&granularity=MONTHLY&aggregation=median&benchmark=sei/,
  );
  await expect(page.getByRole("status").filter({ hasText: "Export status" })).toContainText("Completed", {
    timeout: 30_000,
  });
});

test("the exports page and a completed team view have no axe violations", async ({ page }) => {
  await openTeamView(page);
  await expect(page.getByRole("heading", { name: "Sub-teams" })).toBeVisible();
  const view = await new AxeBuilder({ page }).analyze();
  expect(view.violations).toEqual([]);
  await page.goto("/exports");
  await expect(
    page.getByRole("list", { name: "Exports" }).getByRole("status").filter({ hasText: "Completed" }).first(),
  ).toBeVisible({ timeout: 30_000 });
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the sign-in page has no axe violations", async ({ page }) => {
    await page.goto("/signin");
    await expect(page.getByLabel("Email")).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  });
});
