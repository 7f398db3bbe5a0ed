import { expect, test, type Page } from "@playwright/test";
import { csvFile, type CsvShape } from "./fixtures/generate-csv";

// The charts' rule (components/charts: dotIndices, MAX_POINTS_WITH_DOTS = 30): a series of up to 30
// periods draws a dot on every point; a longer one draws none, except a point with a gap on both
// sides, which a line would not show at all. No chart animates. The charts are plain SVG, so a dot
// is any <circle> in a chart (recharts' .recharts-dot elements were circles too).
const LINE_CHARTS = ["Lead time for changes", "Change failure rate", "Mean time to restore"];
const ALL_CHARTS = [...LINE_CHARTS, "Deployment frequency"];

async function openCsv(page: Page, shape: CsvShape) {
  await page.goto("/import");
  await page.getByLabel("CSV file").setInputFiles(csvFile("series.csv", shape));
  for (const name of ALL_CHARTS)
    await expect(page.getByRole("img", { name: `${name} chart` }).locator("svg")).toBeVisible();
}

const charts = (page: Page) => page.getByRole("img", { name: / chart$/ });
const dots = (page: Page, chart: string) => page.getByRole("img", { name: `${chart} chart` }).locator("svg circle");

/** What an animation would change: each path, bar and dot's geometry and dash, as drawn now. */
async function shapes(page: Page): Promise<string[]> {
  return charts(page)
    .locator("svg")
    .evaluateAll((svgs) =>
      svgs.flatMap((svg) =>
        [...svg.querySelectorAll("path, rect, circle")].map((el) => {
          const style = getComputedStyle(el);
          const geometry = ["d", "x", "y", "width", "height", "cx", "cy"]
            .map((a) => el.getAttribute(a) ?? "")
            .join(",");
          return `${el.tagName} ${geometry} ${style.strokeDasharray} ${style.strokeDashoffset}`;
        }),
      ),
    );
}

test("a short series (6 monthly periods) draws a dot on every point", async ({ page }) => {
  await openCsv(page, { teams: 1, periods: 6, granularity: "MONTHLY" });
  for (const chart of LINE_CHARTS) await expect(dots(page, chart)).toHaveCount(6);
});

test("at the bound: 30 weekly periods still draw their dots, 31 draw none", async ({ page }) => {
  await openCsv(page, { teams: 1, periods: 30, granularity: "WEEKLY" });
  for (const chart of LINE_CHARTS) await expect(dots(page, chart)).toHaveCount(30);
  await openCsv(page, { teams: 1, periods: 31, granularity: "WEEKLY" });
  for (const chart of LINE_CHARTS) await expect(dots(page, chart)).toHaveCount(0);
});

test("a long series (300 weekly periods) draws no dots and does not animate", async ({ page }) => {
  await openCsv(page, { teams: 1, periods: 300, granularity: "WEEKLY" });
  for (const chart of LINE_CHARTS) await expect(dots(page, chart)).toHaveCount(0);
  await expect(charts(page).locator("svg circle")).toHaveCount(0);

  // Drawn at once. An animated chart (recharts' default) grows a line's stroke-dasharray and bars'
  // heights over 0.4–1.5 s: nothing may change between two reads 800 ms apart, no line may be
  // dashed, and nothing may run as a CSS transition, CSS animation, Web Animation or SMIL <animate>.
  const first = await shapes(page);
  expect(first.length).toBeGreaterThan(300);
  expect(first.filter((s) => s.startsWith("path") && !s.endsWith(" none 0px"))).toEqual([]);
  await page.waitForTimeout(800);
  expect(await shapes(page)).toEqual(first);
  const moving = await charts(page)
    .locator("svg")
    .evaluateAll((svgs) =>
      svgs.flatMap((svg) => [
        ...svg.getAnimations({ subtree: true }).map((a) => `animation ${a.constructor.name}`),
        ...[...svg.querySelectorAll("animate, animateTransform, animateMotion, set")].map((el) => `SMIL ${el.tagName}`),
        ...[...svg.querySelectorAll("*")]
          .filter((el) => parseFloat(getComputedStyle(el).transitionDuration) > 0)
          .map((el) => `transition on ${el.tagName}`),
      ]),
    );
  expect(moving).toEqual([]);
});

test("a long series still marks a lone point between two gaps", async ({ page }) => {
  const gaps = Array.from({ length: 40 }, (_, i) => i).filter((i) => i !== 20);
  await openCsv(page, { teams: 1, periods: 40, granularity: "WEEKLY", noMttrAt: gaps });
  await expect(dots(page, "Mean time to restore")).toHaveCount(1);
  await expect(dots(page, "Change failure rate")).toHaveCount(0);
});
