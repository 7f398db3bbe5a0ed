import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { expect, test, type Page } from "@playwright/test";
import { csvFile } from "./fixtures/generate-csv";
import { axeViolations } from "./axe";

const fixture = (name: string) => path.resolve("e2e/fixtures", name);
const RATING = /(Elite|High|Medium|Low)$/;

async function open(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.goto("/import");
  await page.getByLabel("CSV file").setInputFiles(file);
}

test("an engine export is charted: five rated scorecards from its TOTAL row, four charts, every column", async ({
  page,
}) => {
  const requests: string[] = [];
  page.on("request", (r) => {
    if (!r.url().includes("/_next/")) requests.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  await open(page, fixture("export-sample.csv"));
  await expect(page.getByRole("status")).toHaveText(/84 rows, 12 teams/);

  const cards = page.getByRole("list", { name: "Scorecards" }).getByRole("listitem");
  await expect(cards).toHaveCount(5);
  for (const card of await cards.all()) await expect(card.getByText(RATING)).toBeVisible();
  // The summary row of team "eng": LTTC 2.4721 d, 4.2609/day, 13.22 %, 0.0195 d (28 min).
  await expect(cards.nth(0)).toContainText("2.5 days");
  await expect(cards.nth(0)).toContainText("High");
  await expect(cards.nth(1)).toContainText("4.3/day");
  await expect(cards.nth(2)).toContainText("13.2%");
  await expect(cards.nth(3)).toContainText("28 min");
  await expect(page.getByText("come from the export's TOTAL row")).toBeVisible();

  const charts = ["Lead time for changes", "Deployment frequency", "Change failure rate", "Mean time to restore"];
  for (const name of charts) {
    const chart = page.getByRole("img", { name: `${name} chart` });
    await expect(chart.getByText("2025-12").first()).toBeVisible();
  }

  const lttc = page.getByRole("region", { name: "Lead time for changes" });
  await lttc.getByRole("button", { name: "Show data as table" }).click();
  const lttcTable = page.getByRole("table", { name: "Lead time for changes: data by period" });
  await expect(lttcTable.getByRole("row")).toHaveCount(7);
  await expect(lttcTable.getByRole("row", { name: /2025-07/ })).toContainText("1.2 days");

  const all = page.getByRole("table", { name: /Every column of the export for Engineering/ });
  await expect(all.getByRole("columnheader", { name: "OVERALL_RATING" })).toBeVisible();
  await expect(all.getByRole("row", { name: / TOTAL 2025-07-01 2025-12-31 / })).toBeVisible();

  // A team with months of no data: gaps and dashes, never zeros.
  const picker = page.getByRole("combobox", { name: "Team" });
  await picker.fill("growth notif");
  await page.getByRole("option", { name: "Engineering / Growth / Notifications" }).click();
  await expect(picker).toHaveValue("Engineering / Growth / Notifications");
  await expect(page.getByRole("heading", { name: "Notifications", level: 2 })).toBeVisible();
  const teamTable = page.getByRole("table", { name: /Every column of the export for Notifications/ });
  await expect(teamTable.getByRole("row", { name: / 2025-07 2025-07-01 / })).toContainText("–");
  await expect(page.getByRole("list", { name: "Scorecards" }).getByRole("listitem").first()).toContainText("No rating");

  expect(requests.filter((r) => !r.startsWith("GET "))).toEqual([]);
});

test("a file of 1,000 teams: the picker lists only the first matches and finds any team; a long table renders only the rows in view", async ({
  page,
}) => {
  await open(page, csvFile("thousand.csv", { teams: 1000, periods: 2, firstTeamPeriods: 100, granularity: "WEEKLY" }));
  await expect(page.getByRole("status")).toHaveText(/2,098 rows, 1000 teams/);
  await expect(page.getByRole("heading", { name: "Team t0", level: 2 })).toBeVisible();

  const picker = page.getByRole("combobox", { name: "Team" });
  await picker.focus();
  await picker.press("ArrowDown");
  await expect(picker).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("listbox", { name: "Teams" }).getByRole("option")).toHaveCount(50);
  await expect(page.getByText("The first 50 of 1,000 matching teams; type more to narrow.")).toBeVisible();
  await expect(page.getByRole("option", { name: "Org / Team t0" })).toHaveAttribute("aria-selected", "true");

  await picker.pressSequentially("t999");
  await expect(page.getByRole("listbox", { name: "Teams" }).getByRole("option")).toHaveCount(1);
  await picker.press("Enter");
  await expect(picker).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("heading", { name: "Team t999", level: 2 })).toBeVisible();
  await expect(
    page.getByRole("table", { name: /Every column of the export for Team t999/ }).getByRole("row"),
  ).toHaveCount(3);

  // Escape leaves the choice as it was.
  await picker.fill("t5");
  await picker.press("Escape");
  await expect(picker).toHaveValue("Org / Team t999");

  await picker.fill("t0");
  await picker.press("ArrowDown");
  await picker.press("ArrowUp");
  await picker.press("Enter");
  await expect(page.getByRole("heading", { name: "Team t0", level: 2 })).toBeVisible();
  const table = page.getByRole("table", { name: /Every column of the export for Team t0/ });
  await expect(table).toHaveAttribute("aria-rowcount", "101");
  const rendered = await table.getByRole("row").count();
  expect(rendered).toBeLessThan(40);
  await expect(table.getByRole("row", { name: /W099/ })).toHaveCount(0);
  // The region scrolls by keyboard; the rows at the end are drawn when they come into view.
  await page.getByRole("region", { name: /Every column of the export for Team t0/ }).focus();
  await page.keyboard.press("End");
  await expect(table.getByRole("row", { name: /W099/ })).toBeVisible();
  await expect(table.getByRole("row", { name: /W099/ })).toHaveAttribute("aria-rowindex", "101");
  await expect(table.getByRole("row", { name: /W000/ })).toHaveCount(0);
});

test("a gzip-compressed export, as the API downloads it by default, opens too", async ({ page }) => {
  const buffer = zlib.gzipSync(fs.readFileSync(fixture("export-sample.csv")));
  await open(page, { name: "efficiency-exp_TEST.csv.gz", mimeType: "application/gzip", buffer });
  await expect(page.getByRole("status")).toHaveText(/84 rows, 12 teams/);
  await expect(page.getByRole("list", { name: "Scorecards" }).getByRole("listitem").nth(1)).toContainText("4.3/day");
});

test("columns it does not know are kept and shown", async ({ page }) => {
  const csv =
    "Team_Id,Team_Name,Period,Start_Date,End_Date,LTTC_Mean_Days,LTTC_Change_Count,Squad_Mood\nt,Tigers,2026-01,2026-01-01,2026-01-31,2.5,4,sunny\n";
  await open(page, { name: "with-extra.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByText("Columns Fourfold does not know are shown as they are: Squad_Mood.")).toBeVisible();
  const table = page.getByRole("table", { name: /Every column of the export for Tigers/ });
  await expect(table.getByRole("columnheader", { name: /Squad_Mood/ })).toContainText("not recognised");
  await expect(table.getByRole("row", { name: /2026-01/ })).toContainText("sunny");
  await expect(page.getByText("rolled up here from the periods")).toBeVisible();
});

test("a malformed CSV is explained clearly, with its lines", async ({ page }) => {
  await open(page, fixture("export-malformed.csv"));
  const alert = page.getByRole("alert").filter({ hasText: "What could not be read" });
  await expect(alert).toContainText(
    "Column LTTC_Mean_Days has values that are not numbers; they are shown as no data (line 3).",
  );
  await expect(alert).toContainText("A quoted cell is not closed");
});

test("a file that is not a CSV is refused with a sentence", async ({ page }) => {
  await open(page, {
    name: "picture.csv",
    mimeType: "text/csv",
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
  });
  await expect(page.getByRole("alert").filter({ hasText: "What could not be read" })).toContainText(
    "This file is not text, so it is not a CSV file.",
  );
  await expect(page.getByRole("list", { name: "Scorecards" })).toHaveCount(0);
});

test("the import page has no axe violations, empty and with an export open", async ({ page }) => {
  await page.goto("/import");
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel("CSV file").setInputFiles(fixture("export-sample.csv"));
  await expect(
    page.getByRole("img", { name: "Mean time to restore chart" }).getByText("2025-12").first(),
  ).toBeVisible();
  await page
    .getByRole("region", { name: "Change failure rate" })
    .getByRole("button", { name: "Show data as table" })
    .click();
  const picker = page.getByRole("combobox", { name: "Team" });
  await picker.focus();
  await picker.press("ArrowDown");
  await expect(page.getByRole("listbox", { name: "Teams" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});
