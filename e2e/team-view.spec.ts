import { execFileSync } from "node:child_process";
import zlib from "node:zlib";
import { expect, test } from "@playwright/test";
import { suiteServer } from "./suite";
import { admin } from "./credentials";

const CHARTS = ["Lead time for changes", "Deployment frequency", "Change failure rate", "Mean time to restore"];

test("a demo team's view: status reaches Completed, four charts and five badges match the CSV's summary", async ({
  page,
}) => {
  await page.goto("/teams/eng?range=6m&granularity=MONTHLY");
  await expect(page.getByRole("status").filter({ hasText: "Export status" })).toContainText("Completed", {
    timeout: 30_000,
  });
  for (const name of CHARTS) await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  const cards = page.getByRole("list", { name: "Scorecards" }).getByRole("listitem");
  await expect(cards).toHaveCount(5);
  for (let i = 0; i < 5; i++) await expect(cards.nth(i)).toContainText(/Elite|High|Medium|Low|No rating/);

  const href = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  const res = await page.request.get(href!);
  const csv = zlib
    .gunzipSync(await res.body())
    .toString("utf8")
    .trim()
    .split("\n");
  const header = csv[0]!.split(",");
  const total = csv.find((l) => l.startsWith("eng,") && l.includes(",TOTAL,"))!.split(",");
  const deployments = total[header.indexOf("DF_Deployment_Count")];
  await expect(cards.nth(1)).toContainText(`${Number(deployments).toLocaleString("en-US")} deployments`);
  const overall = total[header.indexOf("OVERALL_RATING")]!;
  await expect(cards.nth(4)).toContainText(overall);
});

test("changing the granularity changes the URL and the charts; a sub-team row opens its view", async ({ page }) => {
  await page.goto("/teams/eng?range=3m&granularity=MONTHLY");
  await expect(page.getByRole("status").filter({ hasText: "Export status" })).toContainText("Completed", {
    timeout: 30_000,
  });
  await page.getByLabel("Granularity").selectOption("WEEKLY");
  await expect(page).toHaveURL(/granularity=WEEKLY/);
  await expect(page.getByRole("status").filter({ hasText: "Export status" })).toContainText("Completed", {
    timeout: 30_000,
  });
  await page.getByRole("button", { name: "Show data as table" }).first().click();
  await expect(page.getByRole("table", { name: /Lead time for changes: data by period/ })).toContainText(
    /\d{4}-W\d{2}/,
  );

  await page
    .getByRole("table", { name: /Direct sub-teams/ })
    .getByRole("link", { name: "Payments" })
    .click();
  await expect(page).toHaveURL(/\/teams\/eng-payments\?.*granularity=WEEKLY/);
  await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
});

test.describe("a user limited to one team", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("sees a clear 'no access' page for another team's link", async ({ page }) => {
    const out = execFileSync(
      "npm",
      ["run", "-s", "users", "--", "add", "viewer@example.com", "--scopes", "eng-payments"],
      {
        env: { ...process.env, FOURFOLD_DATA_DIR: suiteServer().dataDir, FOURFOLD_LOG: "silent" },
        encoding: "utf8",
      },
    );
    const password = /Password: (\S+)/.exec(out)![1]!;
    await page.goto("/teams/plat");
    await page.getByLabel("Email").fill("viewer@example.com");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { name: "No access" })).toBeVisible();
    await page.goto("/teams/eng-payments");
    await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
  });
});

test("the copied link opened in a fresh browser goes through sign-in to the same view", async ({
  page,
  context,
  browser,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/teams/eng-payments?range=12m&granularity=QUARTERLY&aggregation=p90&benchmark=dora-2023");
  await expect(page.getByRole("status").filter({ hasText: "Export status" })).toContainText("Completed", {
    timeout: 30_000,
  });
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText("Link copied")).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(link).pathname).toBe("/teams/eng-payments");

  const fresh = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other).toHaveURL(/\/signin\?callbackUrl=/);
  await other.getByLabel("Email").fill(admin().email);
  await other.getByLabel("Password").fill(admin().password);
  await other.getByRole("button", { name: "Sign in", exact: true }).click();
  await other.waitForURL((url) => url.pathname === "/teams/eng-payments");
  expect(other.url()).toBe(link);
  await expect(other.getByLabel("Granularity")).toHaveValue("QUARTERLY");
  await expect(other.getByLabel("Aggregation")).toHaveValue("p90");
  await expect(other.getByRole("status").filter({ hasText: "Export status" })).toContainText("Completed", {
    timeout: 30_000,
  });
  await fresh.close();
});
