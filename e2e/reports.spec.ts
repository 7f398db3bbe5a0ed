import { expect, test } from "@playwright/test";
import { axeViolations } from "./axe";

test("the report for Engineering shows as a table, with its CSV to download", async ({ page }) => {
  await page.goto("/reports");
  await page.getByLabel("Team").selectOption({ label: "Engineering" });
  await page.getByLabel("Granularity").selectOption("monthly");
  await page.getByLabel("Calculation").selectOption("MEDIAN");
  await page.getByLabel("Overall DORA").uncheck();
  await page.getByRole("button", { name: "Run report" }).click();

  const table = page.getByRole("table", { name: "Efficiency report for Engineering" });
  await expect(table).toBeVisible({ timeout: 30_000 });
  expect(await table.getByRole("row").count()).toBeGreaterThan(1);
  await expect(table.getByRole("columnheader").first()).not.toBeEmpty();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^efficiency-report-\d+\.csv$/);
  expect(await axeViolations(page)).toEqual([]);
});

test("the notes on the report's teams are numbered in its Notes column and listed under it", async ({
  page,
  baseURL,
}) => {
  // A note on Growth (a sub-team of Engineering) inside the report's default 3-month range.
  const now = new Date();
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 10)).toISOString().slice(0, 10);
  const text = `report note ${Date.now()}`;
  const created = await page.request.post("/api/annotations", {
    headers: { origin: baseURL! },
    data: { scope: { teamId: "eng-growth" }, startDate: day, text },
  });
  expect(created.status()).toBe(201);

  await page.goto("/reports");
  await page.getByLabel("Team").selectOption({ label: "Engineering" });
  await page.getByRole("button", { name: "Run report" }).click();
  const table = page.getByRole("table", { name: "Efficiency report for Engineering" });
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(table.getByRole("columnheader", { name: "Notes" })).toBeVisible();

  const item = page.getByRole("list", { name: "Notes" }).getByRole("listitem").filter({ hasText: text });
  await expect(item).toBeVisible();
  const number = (await item.innerText()).match(/Mark (\d+):/)![1];
  // The Notes column, next to the team's name: the note's number on Growth's row, not on Engineering's.
  const headers = await table.getByRole("columnheader").allInnerTexts();
  const notesAt = headers.indexOf("Notes");
  expect(notesAt).toBe(headers.indexOf("Team_Name") + 1);
  const notesCell = (name: string) =>
    table
      .getByRole("row")
      .filter({ has: page.getByRole("cell", { name, exact: true }) })
      .locator("th, td")
      .nth(notesAt);
  const numbered = new RegExp(`(^|, )${number}(,|$)`);
  await expect(notesCell("Growth")).toHaveText(numbered);
  await expect(notesCell("Engineering")).not.toHaveText(numbered);
  await page.screenshot({ path: ".tmp/j-results/report-notes.png", fullPage: true });
  expect(await axeViolations(page)).toEqual([]);
});

test("a range that ends before it starts is refused in an alert", async ({ page }) => {
  await page.goto("/reports");
  await expect(page.getByLabel("Team")).toBeEnabled();
  await page.getByLabel("From", { exact: true }).fill("2025-06-01");
  await page.getByLabel("To", { exact: true }).fill("2025-01-01");
  await page.getByRole("button", { name: "Run report" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The report failed" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test.describe("at a phone's width", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the report form and the exports list fit without scrolling sideways", async ({ page }) => {
    for (const path of ["/reports", "/exports"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.screenshot({ path: `.tmp/j-results/phone${path.replace("/", "-")}.png`, fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
  });
});
