import { expect, test, type Page } from "@playwright/test";
import { axeViolations } from "./axe";

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
  expect(await axeViolations(page)).toEqual([]);
  await page.goto("/exports");
  await expect(
    page.getByRole("list", { name: "Exports" }).getByRole("status").filter({ hasText: "Completed" }).first(),
  ).toBeVisible({ timeout: 30_000 });
  expect(await axeViolations(page)).toEqual([]);
});

test("the suite's axe check finds what it is there to find", async ({ page }) => {
  // The same check as above, on a page made to break two of axe's rules.
  await page.setContent(`<!doctype html><html lang="en"><head><title>t</title></head><body><main>
    <button></button><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>`);
  const found = (await axeViolations(page)).map((v) => v.id);
  expect(found).toEqual(expect.arrayContaining(["button-name", "image-alt"]));
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the sign-in page has no axe violations", async ({ page }) => {
    await page.goto("/signin");
    await expect(page.getByLabel("Email")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
});
