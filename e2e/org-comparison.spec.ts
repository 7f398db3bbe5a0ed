import fs from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { axeViolations } from "./axe";

// The org-tree view compares its teams: a heat map (a real table) and the teams at each level per period.

const VIEW = "/org-trees/Engineering?range=6m&granularity=MONTHLY&aggregation=median&benchmark=sei";
// The demo's Engineering tree as the engine orders it: depth-first, siblings by name.
const TREE = [
  "Engineering",
  "Growth",
  "Notifications",
  "Onboarding",
  "Search",
  "Mobile",
  "Android App",
  "iOS App",
  "Payments",
  "Billing",
  "Checkout",
  "Fraud Detection",
];
const SQUADS = [
  "Notifications",
  "Onboarding",
  "Search",
  "Android App",
  "iOS App",
  "Billing",
  "Checkout",
  "Fraud Detection",
];

async function openComparison(page: Page): Promise<Locator> {
  await page.goto(VIEW);
  await expect(page.getByRole("status").filter({ hasText: "Export status" })).toContainText("Completed", {
    timeout: 30_000,
  });
  const table = page.getByRole("table", { name: /^\d+ of \d+ teams of Engineering/ });
  await expect(table).toBeVisible();
  // The table is in the server's HTML already: a key pressed before the page is hydrated does
  // nothing. The live charts are drawn only once it is.
  await expect(page.locator(".plot-live .recharts-surface").first()).toBeVisible({ timeout: 30_000 });
  return table;
}

const teamNames = (table: Locator) =>
  table.locator("tbody tr th[scope=row]").evaluateAll((ths) => ths.map((th) => th.querySelector("a")!.textContent));

/** A duration cell as days ("2.3 days", "5.1 h", "40 min"); null for no data. */
function days(text: string): number | null {
  const m = /([\d.,]+)\s*(days?|h|min)/.exec(text);
  if (!m) return null;
  const n = Number(m[1]!.replace(/,/g, ""));
  return m[2] === "h" ? n / 24 : m[2] === "min" ? n / 1440 : n;
}

async function columnValues(table: Locator, column: number): Promise<(number | null)[]> {
  const texts = await table
    .locator("tbody tr")
    .evaluateAll((trs, c) => trs.map((tr) => tr.children[c]!.querySelector("span")?.textContent ?? ""), column);
  return texts.map(days);
}

test("every team of the tree, in the tree's order and indented, each cell a figure with its level's word", async ({
  page,
}) => {
  const table = await openComparison(page);
  expect(await teamNames(table)).toEqual(TREE);
  const headers = async () =>
    (await table.getByRole("columnheader").allTextContents()).map((h) => h.replace(/[▲▼↕]/g, "").trim());
  await expect.poll(headers).toEqual([
    "Team",
    "Lead time",
    "Deploys",
    "Failure rate",
    "Time to restore",
    // The embedded engine provides DORA's newer two as well.
    "Recovery (FDRT)",
    "Rework rate",
    "Overall",
  ]);
  // Indented by depth.
  const pad = (name: string) =>
    table
      .getByRole("rowheader", { name: new RegExp(`^(Hide the teams under )?${name}`) })
      .locator("div")
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).paddingLeft));
  expect(await pad("Engineering")).toBe(0);
  expect(await pad("Growth")).toBeGreaterThan(0);
  expect(await pad("Search")).toBeGreaterThan(await pad("Growth"));

  // The root's overall level is the scorecard's.
  const overallCard = page.getByRole("list", { name: "Scorecards" }).getByRole("listitem").nth(4);
  const level = (await overallCard.textContent())!.match(/Elite|High|Medium|Low|No rating/)![0];
  const rootRow = table.locator("tbody tr").first();
  await expect(rootRow.locator("td").last()).toContainText(level);
  // Each figure cell carries a level word and a tint; rework is not rated, so it has no word.
  const cells = await rootRow.locator("td").all();
  const names = await headers();
  for (const [i, cell] of cells.entries())
    if (!names[i + 1]!.includes("Rework")) await expect(cell).toContainText(/Elite|High|Medium|Low|No rating/);
  const tint = await rootRow
    .locator("td")
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(tint).not.toBe("rgba(0, 0, 0, 0)");
});

test("sorted by keyboard: best first, worst first, then the tree's order again", async ({ page }) => {
  const table = await openComparison(page);
  const header = table.getByRole("columnheader", { name: /Lead time/ });
  const button = header.getByRole("button");
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  const up = await columnValues(table, 1);
  const present = up.filter((v): v is number => v !== null);
  expect(present.length).toBeGreaterThan(3);
  expect(present).toEqual([...present].sort((a, b) => a - b));
  // Teams without data come last.
  expect(up.slice(present.length).every((v) => v === null)).toBe(true);
  await expect(table.locator("caption")).toContainText("sorted by lead time, ascending");

  await page.keyboard.press("Enter");
  await expect(header).toHaveAttribute("aria-sort", "descending");
  const down = (await columnValues(table, 1)).filter((v): v is number => v !== null);
  expect(down).toEqual([...down].sort((a, b) => b - a));

  await page.keyboard.press("Space");
  await expect(header).toHaveAttribute("aria-sort", "none");
  expect(await teamNames(table)).toEqual(TREE);
});

test("filtered by level, and a branch folded and unfolded by keyboard", async ({ page }) => {
  const table = await openComparison(page);
  await page.getByLabel("Levels shown").selectOption({ label: "Level 3 only" });
  expect(await teamNames(table)).toEqual(SQUADS);
  await page.getByLabel("Levels shown").selectOption({ label: "Levels 1 to 2" });
  expect(await teamNames(table)).toEqual(["Engineering", "Growth", "Mobile", "Payments"]);
  await page.getByLabel("Levels shown").selectOption({ label: "All levels" });

  const fold = table.getByRole("button", { name: "Hide the teams under Growth" });
  await fold.focus();
  await page.keyboard.press("Enter");
  const unfold = table.getByRole("button", { name: "Show the teams under Growth" });
  await expect(unfold).toHaveAttribute("aria-expanded", "false");
  expect(await teamNames(table)).toEqual(TREE.filter((n) => !["Notifications", "Onboarding", "Search"].includes(n)));
  await unfold.focus();
  await page.keyboard.press("Space");
  expect(await teamNames(table)).toEqual(TREE);

  await page.getByRole("button", { name: "Fold to the top level" }).click();
  expect(await teamNames(table)).toEqual(["Engineering"]);
});

test("a cell opened by keyboard opens that team's view with the same range and settings", async ({ page }) => {
  const table = await openComparison(page);
  const before = new URL(page.url()).searchParams;
  const cell = table.getByRole("link", { name: /: Payments, deployment frequency$/ });
  await cell.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/teams\/eng-payments\?/);
  await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
  const after = new URL(page.url()).searchParams;
  for (const key of ["granularity", "aggregation", "benchmark"]) expect(after.get(key)).toBe(before.get(key));
  expect(after.get("range")).toBe(before.get("range"));
});

test("the teams at each level per period add up to the teams shown, for each metric", async ({ page }) => {
  await openComparison(page);
  const card = page.getByRole("region", { name: /Teams at each level/ });
  await expect(card.getByRole("img", { name: /Teams at each level/ }).locator("svg.recharts-surface")).toBeVisible();
  const totals = async () => {
    await card.getByRole("button", { name: "Show data as table" }).click();
    const rows = card.getByRole("table").locator("tbody tr");
    const sums = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].reduce((n, td) => n + Number(td.textContent), 0)),
    );
    await card.getByRole("button", { name: "Show data as table" }).click();
    return sums;
  };
  const all = await totals();
  expect(all).toHaveLength(6);
  for (const n of all) expect(n).toBe(TREE.length);

  await page.getByLabel("Levels shown").selectOption({ label: "Level 3 only" });
  await page.getByLabel("Levels of").selectOption({ label: "Lead time" });
  await expect(card.getByRole("heading")).toHaveText("Teams at each level · Lead time");
  for (const n of await totals()) expect(n).toBe(SQUADS.length);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the org comparison has no axe violations in ${colorScheme} mode, sorted and filtered too`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    const table = await openComparison(page);
    await expect(page.getByRole("img", { name: /Teams at each level/ }).locator("svg.recharts-surface")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await table
      .getByRole("columnheader", { name: /Overall/ })
      .getByRole("button")
      .click();
    await page.getByLabel("Levels shown").selectOption({ label: "Level 2 only" });
    expect(await axeViolations(page)).toEqual([]);
  });
}

for (const width of [390, 1440]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });
    test("screenshots of the org comparison", async ({ page }) => {
      fs.mkdirSync(".tmp/org-comparison", { recursive: true });
      const table = await openComparison(page);
      await expect(
        page.getByRole("img", { name: /Teams at each level/ }).locator("svg.recharts-surface"),
      ).toBeVisible();
      await page.getByRole("heading", { name: "Org comparison" }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `.tmp/org-comparison/${width}.png`, fullPage: true });
      await page.emulateMedia({ colorScheme: "dark" });
      await table.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `.tmp/org-comparison/${width}-dark.png` });
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(width);
    });
  });
}
