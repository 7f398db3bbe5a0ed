import path from "node:path";
import { expect, test } from "@playwright/test";

for (const scheme of ["light", "dark"] as const) {
  for (const width of [390, 1440]) {
    test(`shot ${scheme} ${width}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/import");
      await page.getByLabel("CSV file").setInputFiles(path.resolve("e2e/fixtures/export-sample.csv"));
      await page.getByLabel("Team").selectOption({ label: "Engineering / Mobile / Android" });
      await expect(page.getByRole("img", { name: "Mean time to restore chart" }).getByText("2025-07").first()).toBeVisible();
      await page.getByRole("img", { name: "Lead time for changes chart" }).hover({ position: { x: 120, y: 100 } });
      await page.screenshot({ path: `.tmp/ui-shots/import-${scheme}-${width}.png`, fullPage: true });
    });
  }
}
