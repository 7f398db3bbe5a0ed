import { expect, test } from "@playwright/test";
import { suiteServer } from "./suite";

// A view whose export is already complete arrives with its figures and its four charts drawn by the
// server (components/charts/snapshots); the live recharts charts take their place once their code runs.
const LINK = "/teams/eng?range=6m&granularity=MONTHLY";
const CHARTS = ["Lead time for changes", "Deployment frequency", "Change failure rate", "Mean time to restore"];

test.beforeEach(async ({ page }) => {
  await page.goto(LINK);
  await expect(page.getByRole("status").filter({ hasText: "Export status" })).toContainText("Completed", {
    timeout: 30_000,
  });
});

// Drawn at two widths: the one for the screen shows (components/charts/plot-props.ts, SNAPSHOT_WIDTHS).
for (const [screen, width, drawn] of [
  ["a desktop", 1280, 640],
  ["a phone", 390, 330],
] as const) {
  test(`on ${screen}, a complete view's page brings its scorecards and four charts drawn ${drawn} px wide, before its code has loaded`, async ({
    browser,
  }) => {
    const context = await browser.newContext({
      storageState: suiteServer().storageState,
      viewport: { width, height: 900 },
    });
    const page = await context.newPage();
    // The page's code never arrives: what shows is the server's HTML (and React's inline streaming).
    await page.route("**/_next/static/**/*.js", (route) => route.abort());
    await page.goto(LINK);
    await expect(page.getByRole("list", { name: "Scorecards" }).getByRole("listitem")).toHaveCount(5);
    for (const name of CHARTS) {
      const snapshot = page
        .getByRole("img", { name: `${name} chart` })
        .locator("svg")
        .filter({ visible: true });
      await expect(snapshot).toHaveCount(1);
      await expect(snapshot).toHaveAttribute("viewBox", `0 0 ${drawn} 240`);
      // Axes with the periods' labels, and the series drawn (bars or a line are paths).
      await expect(
        snapshot
          .locator("text")
          .filter({ hasText: /^\d{4}-\d{2}$/ })
          .first(),
      ).toBeVisible();
      expect(await snapshot.locator("path").count()).toBeGreaterThan(1);
    }
    await expect(page.getByRole("heading", { name: "Sub-teams" })).toBeVisible();
    await context.close();
  });
}

test("with scripts, the live charts replace the drawn ones, with no hydration error and no download of the CSV", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  const downloads: string[] = [];
  page.on("request", (r) => r.url().includes("/download") && downloads.push(r.url()));
  await page.goto(LINK);
  for (const name of CHARTS) {
    const chart = page.getByRole("img", { name: `${name} chart` });
    // The live chart is recharts' own (its surface), and the server's snapshot has gone.
    await expect(chart.locator("svg.recharts-surface")).toHaveCount(1);
    await expect(chart.locator("svg")).toHaveCount(1);
  }
  await page.getByRole("img", { name: "Mean time to restore chart" }).hover();
  expect(errors).toEqual([]);
  // The page brought the export's figures: the browser never fetched its CSV (only, later, the
  // previous range's, for the scorecards' change).
  const href = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  const id = /\/api\/exports\/([^/]+)\//.exec(href!)![1]!;
  expect(downloads.filter((u) => u.includes(id))).toEqual([]);
});
