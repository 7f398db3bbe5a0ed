import path from "node:path";
import { expect, test } from "@playwright/test";

for (const scheme of ["light", "dark"] as const) {
  for (const width of [390, 1440]) {
    test.setTimeout(20_000);
    test(`shot ${scheme} ${width}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/import");
      await page.getByLabel("CSV file").setInputFiles(path.resolve("e2e/fixtures/export-sample.csv"));
      await page.getByLabel("Team").selectOption({ label: "Engineering / Mobile / Android App" });
      await expect(page.getByText("Loading chart…")).toHaveCount(0);
      await page.waitForTimeout(300);
      await page.getByRole("img", { name: "Lead time for changes chart" }).hover({ position: { x: 120, y: 100 } });
      await page.screenshot({ path: `.tmp/ui-shots/import-${scheme}-${width}.png`, fullPage: true });
      if (width === 390) {
        await page.getByRole("list", { name: "Scorecards" }).screenshot({ path: `.tmp/ui-shots/cards-${scheme}-390.png` });
        await page.getByRole("region", { name: "Lead time for changes" }).screenshot({ path: `.tmp/ui-shots/lttc-${scheme}-390.png` });
        await page.getByRole("region", { name: "Change failure rate" }).screenshot({ path: `.tmp/ui-shots/cfr-${scheme}-390.png` });
      }
    });
  }
}

test("100k rows", async ({ page }) => {
  test.setTimeout(60_000);
  page.on("console", (m) => console.log("console:", m.text()));
  await page.goto("/import");
  await page.evaluate(() => {
    (window as unknown as { longTasks: number[] }).longTasks = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (window as unknown as { longTasks: number[] }).longTasks.push([Math.round(e.startTime), Math.round(e.duration)] as unknown as number))).observe({ type: "longtask", buffered: true });
  });
  const t0 = Date.now();
  await page.getByLabel("CSV file").setInputFiles(path.resolve(".tmp/ui-shots/big.csv"));
  await expect(page.getByRole("status")).toHaveText(/100,000 rows/, { timeout: 30_000 });
  const elapsed = Date.now() - t0;
  const m = await page.evaluate(() => performance.getEntriesByName("fourfold:csv-parse").map((e) => [e.startTime, e.duration]));
  console.log("measure", JSON.stringify(m));
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const lt = await page.evaluate(() => performance.getEntriesByType("longtask").map((e) => [Math.round(e.startTime), Math.round(e.duration)]));
  console.log("lt", JSON.stringify(lt));
  console.log("100k parse ms", elapsed, "long tasks", JSON.stringify(longTasks));
});
