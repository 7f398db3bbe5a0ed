import { expect, test, type Page } from "@playwright/test";
import { axeViolations } from "./axe";
import { tabTo } from "./keys";

// The records behind a figure, the data coverage strip and the FDRT and rework figures, with the
// embedded engine's demo organisation.

const VIEW = "/teams/eng?range=6m&granularity=MONTHLY&aggregation=median&benchmark=sei";

// Each test opens the root team's view (and some a second page); the export and the records of
// the whole demo organisation take a while on a busy machine.
test.describe.configure({ timeout: 120_000 });

async function openView(page: Page, url = VIEW) {
  await page.goto(url);
  await expect(page.getByRole("status").filter({ hasText: "Export status" })).toContainText("Completed", {
    timeout: 30_000,
  });
}

/** The view's range, as its header says it. */
async function rangeOf(page: Page): Promise<{ start: string; end: string }> {
  // The view's header comes first; a note with a date range, listed under the charts, reads alike.
  const text = await page
    .getByText(/^\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d$/)
    .first()
    .textContent();
  const [start, end] = text!.split(" to ") as [string, string];
  return { start, end };
}

/** A chart's period buttons (they lie over the plot, blind to the mouse). */
const periods = (page: Page, chart: string) =>
  page.getByRole("toolbar", { name: `${chart}: periods` }).getByRole("button");

/** Clicks the chart itself in the middle of a period's column, as a mouse user does. */
async function clickPeriod(page: Page, chart: string, index: number) {
  await periods(page, chart).nth(index).scrollIntoViewIfNeeded();
  const box = (await periods(page, chart).nth(index).boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

type Page_ = { items: Record<string, unknown>[]; total: number; nextCursor: string | null };

async function allRecords(page: Page, query: Record<string, string>): Promise<Page_["items"]> {
  const res = await page.request.get(`/api/records?${new URLSearchParams({ ...query, limit: "1000" })}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as Page_;
  expect(body.nextCursor).toBeNull();
  return body.items;
}

test("FDRT and rework get cards and charts, and the coverage strip counts what the figures see", async ({ page }) => {
  await openView(page);
  const cards = page.getByRole("list", { name: "Recovery and rework" }).getByRole("listitem");
  await expect(cards).toHaveCount(2);
  await expect(cards.nth(0)).toContainText("Failed deployment recovery time");
  await expect(cards.nth(0)).toContainText(/FDRT rating: (Elite|High|Medium|Low|No rating)/);
  await expect(cards.nth(1)).toContainText(/Deployment rework rate.*Not rated/);
  for (const name of ["Failed deployment recovery time", "Deployment rework rate"])
    await expect(page.getByRole("region", { name }).getByRole("img", { name: `${name} chart` })).toBeVisible();

  const { start, end } = await rangeOf(page);
  const res = await page.request.get(`/api/coverage?teamId=eng&start=${start}&end=${end}`);
  const c = (await res.json()) as {
    pullRequests: { merged: number; deployed: number };
    incidents: Record<string, number>;
  };
  const strip = page.getByRole("region", { name: "Data coverage" });
  const lead = strip.getByRole("listitem").filter({ hasText: "Lead time sees" });
  await expect(lead).toContainText(
    `Lead time sees ${c.pullRequests.deployed.toLocaleString("en")} of ${c.pullRequests.merged.toLocaleString("en")} merged pull requests`,
  );
  // The warning (colour, and words for screen readers) exactly below 70%.
  const incidents = strip.getByRole("listitem").filter({ hasText: /incidents? (is|are) linked/ });
  const low = c.incidents.linked! / c.incidents.opened! < 0.7;
  await expect(incidents.getByText("Below 70%:")).toHaveCount(low ? 1 : 0);
});

test("by mouse: a period of the lead-time chart opens its pull requests, the slowest first", async ({ page }) => {
  await openView(page);
  const buttons = periods(page, "Lead time for changes");
  await expect(buttons).toHaveCount(6);
  const label = (await buttons.nth(3).getAttribute("aria-label"))!.split(":")[0]!;
  await clickPeriod(page, "Lead time for changes", 3);

  const dialog = page.getByRole("dialog", { name: `Lead time for changes: ${label}` });
  await expect(dialog).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`records=lttc&period=${label}`));
  const table = dialog.getByRole("table");
  await expect(table.getByRole("columnheader", { name: /Lead time/ })).toHaveAttribute("aria-sort", "descending");

  // The records are exactly the export's population for that period, the slowest first.
  const periodText = await dialog
    .getByText(/\(UTC\)$/)
    .first()
    .textContent();
  const [, start, end] = /(\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)/.exec(periodText!)!;
  const items = await allRecords(page, { teamId: "eng", metric: "lttc", start: start!, end: end! });
  await expect(dialog).toContainText(`${items.length.toLocaleString("en")} pull requests: the figure is computed`);
  const slowest = [...items].sort((a, b) => Number(b.lttcDays) - Number(a.lttcDays))[0]!;
  await expect(table.getByRole("rowheader").first()).toHaveText(String(slowest.pullRequestId));
  // Each row's stages are drawn as one small bar with its words.
  await expect(table.getByRole("img").first()).toHaveAttribute("aria-label", /coding \d/);

  // The export's figure for the period is said beside them: the same count.
  await expect(dialog).toContainText(`over ${items.length.toLocaleString("en")} changes`);

  // Sorting by another column.
  await table.getByRole("button", { name: /Deployed/ }).click();
  await expect(table.getByRole("columnheader", { name: /Deployed/ })).toHaveAttribute("aria-sort", "ascending");

  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).not.toHaveURL(/records=/);
});

test("by keyboard: one tab stop per chart, arrows between periods, Enter opens, Escape closes", async ({ page }) => {
  await openView(page);
  const buttons = periods(page, "Change failure rate");
  await expect(buttons).toHaveCount(6);
  await tabTo(page, buttons.nth(5));
  await expect(buttons.nth(5)).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  const focused = buttons.nth(3);
  await expect(focused).toBeFocused();
  // The focused period is shown: its column is ringed.
  expect(await focused.evaluate((el) => getComputedStyle(el).boxShadow)).not.toBe("none");
  const label = (await focused.getAttribute("aria-label"))!.split(":")[0]!;
  await page.keyboard.press("Enter");

  const dialog = page.getByRole("dialog", { name: `Change failure rate: ${label}` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  // Failed deployments first, marked, each with its incidents.
  const rows = dialog.getByRole("table").getByRole("row");
  await expect(rows.nth(1)).toBeVisible();
  const results = await dialog
    .getByRole("table")
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => tr.textContent?.includes("Failed") ?? false));
  expect(results.indexOf(false) === -1 || results.slice(results.indexOf(false)).every((f) => !f)).toBe(true);

  // The next period, by keyboard, then Escape: closed, the focus back on the chart.
  await tabTo(page, dialog.getByRole("button", { name: "Next period →" }));
  await page.keyboard.press("Enter");
  const next = (await buttons.nth(4).getAttribute("aria-label"))!.split(":")[0]!;
  await expect(page.getByRole("dialog", { name: `Change failure rate: ${next}` })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(focused).toBeFocused();
  await expect(page).not.toHaveURL(/records=/);
});

test("a shared link opens the panel; a coverage line opens its records, page by page", async ({ page, context }) => {
  await openView(page);
  const label = (await periods(page, "Mean time to restore").nth(2).getAttribute("aria-label"))!.split(":")[0]!;
  const fresh = await context.newPage();
  await fresh.goto(`${VIEW}&records=mttr&period=${label}`);
  const dialog = fresh.getByRole("dialog", { name: `Mean time to restore: ${label}` });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByRole("table")).toBeVisible();
  await expect(dialog.getByRole("columnheader", { name: /Time to restore/ })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  await fresh.close();

  // A bad period: the panel stays closed and the view says why.
  await page.goto(`${VIEW}&records=mttr&period=1999-01`);
  await expect(page.getByRole("note")).toContainText('This view has no period "1999-01"');
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await openView(page);
  await page.getByRole("link", { name: "The deployments" }).click();
  const all = page.getByRole("dialog", { name: "Deployment frequency: the whole range" });
  await expect(all).toBeVisible();
  await expect(page).toHaveURL(/records=df&period=all/);
  const status = all.getByRole("status").filter({ hasText: /^Showing/ });
  await expect(status).toHaveText(/^Showing 500 of [\d,]+\.$/);
  const total = Number((await status.textContent())!.replace(/^Showing 500 of ([\d,]+)\.$/, "$1").replace(/,/g, ""));
  expect(total).toBeGreaterThan(500);
  await all.getByRole("button", { name: /^Load \d+ more$/ }).click();
  await expect(status).toHaveText(
    `Showing ${Math.min(1000, total).toLocaleString("en")} of ${total.toLocaleString("en")}.`,
  );
  await expect(all.getByRole("table").locator("tbody tr")).toHaveCount(Math.min(1000, total));
});

test("the view with the panel open has no axe violations; screenshots at 390 and 1440 px", async ({ page }) => {
  await openView(page);
  const label = (await periods(page, "Lead time for changes").nth(4).getAttribute("aria-label"))!.split(":")[0]!;
  await page.goto(`${VIEW}&records=lttc&period=${label}`);
  const dialog = page.getByRole("dialog", { name: `Lead time for changes: ${label}` });
  await expect(dialog.getByRole("table")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("status").filter({ hasText: "Export status" })).toContainText("Completed", {
    timeout: 30_000,
  });
  expect(await axeViolations(page)).toEqual([]);
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `.tmp/behind-the-figures/team-view-panel-${width}.png` });
  }
  await dialog.getByRole("button", { name: "Close" }).click();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `.tmp/behind-the-figures/team-view-1440.png`, fullPage: true });
  expect(await axeViolations(page)).toEqual([]);
});

test("an org tree's view lists its root team's records and coverage", async ({ page }) => {
  await openView(page, "/org-trees/Engineering?range=3m&granularity=MONTHLY");
  await expect(page.getByRole("region", { name: "Data coverage" })).toContainText("Lead time sees");
  await clickPeriod(page, "Deployment frequency", 1);
  const dialog = page.getByRole("dialog", { name: /^Deployment frequency: \d{4}-\d\d$/ });
  await expect(dialog.getByText(/^Engineering, \d{4}-\d\d-\d\d to /)).toBeVisible();
  await expect(dialog.getByRole("table")).toBeVisible();
  // The count is the chart's own for that period (its data table's Deployments).
  const count = (await dialog.getByText(/ deployments?: the figure is computed/).textContent())!.split(" ")[0]!;
  await expect(dialog).toContainText(`The export's figure for this period: ${count} deployments`);
});

test("the import page charts FDRT and rework when a CSV has their columns", async ({ page }) => {
  const csv = [
    "Team_Id,Team_Name,Period,Start_Date,End_Date,DF_Deployment_Count,FDRT_Mean_Days,FDRT_Failure_Count,REWORK_Deployment_Count,REWORK_Percent,FDRT_Rating",
    "t1,Team One,2026-01,2026-01-01,2026-01-31,20,0.5,2,3,15.00,High",
    "t1,Team One,2026-02,2026-02-01,2026-02-28,10,,0,0,0.00,",
    "t1,Team One,TOTAL,2026-01-01,2026-02-28,30,0.5,2,3,10.00,High",
  ].join("\n");
  await page.goto("/import");
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "newer.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const cards = page.getByRole("list", { name: "Recovery and rework" }).getByRole("listitem");
  await expect(cards.nth(0)).toContainText("12 h");
  await expect(cards.nth(0)).toContainText("FDRT rating: High");
  await expect(cards.nth(1)).toContainText("3 of 30 deployments were rework");
  for (const name of ["Failed deployment recovery time", "Deployment rework rate"])
    await expect(
      page
        .getByRole("img", { name: `${name} chart` })
        .locator("svg")
        .first(),
    ).toBeVisible();
  // No records to pick on a file: its charts have no period buttons.
  await expect(page.getByRole("toolbar")).toHaveCount(0);
});
