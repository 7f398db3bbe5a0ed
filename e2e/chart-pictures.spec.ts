import fs from "node:fs";
import { expect, test, type Download, type Page } from "@playwright/test";
import { axeViolations } from "./axe";

// Charts for slides and documents: each chart downloads as SVG and PNG with its title, team and
// range in the picture; a view prints on A4 landscape without its controls.

const VIEW = "/teams/eng-payments?range=6m&granularity=MONTHLY&aggregation=median&benchmark=sei";
const SHOTS = ".tmp/chart-pictures";

const CHART_COUNT = 6;

async function openView(page: Page, url = VIEW) {
  await page.goto(url);
  await expect(page.getByRole("status").filter({ hasText: "Export status" })).toContainText("Completed", {
    timeout: 30_000,
  });
  // The live charts (not only the server's snapshots) are drawn: the classic four, and FDRT and
  // rework, which the embedded engine provides.
  await expect(page.locator(".plot-live .recharts-surface")).toHaveCount(CHART_COUNT, { timeout: 30_000 });
}

/** The range the view shows, as "YYYY-MM-DD to YYYY-MM-DD". */
async function shownRange(page: Page): Promise<string> {
  const text = await page
    .getByText(/^\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/)
    .first()
    .textContent();
  return text!.trim();
}

/** Presses Enter on a button reached by keyboard focus, and returns the download it starts. */
async function downloadByKeyboard(page: Page, name: string): Promise<Download> {
  const button = page.getByRole("button", { name });
  await button.focus();
  await expect(button).toBeFocused();
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  return download;
}

/** A PNG's width and height from its IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test("a trend chart downloads as SVG with its title, team and range, by keyboard", async ({ page }) => {
  await openView(page);
  const range = await shownRange(page);
  const download = await downloadByKeyboard(page, "Download Lead time for changes as SVG");
  expect(download.suggestedFilename()).toMatch(
    /^payments-lead-time-for-changes-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.svg$/,
  );
  const svg = fs.readFileSync((await download.path())!, "utf8");
  expect(svg.startsWith("<svg")).toBe(true);
  expect(svg).toContain(">Lead time for changes</text>");
  expect(svg).toContain(`Payments · ${range}`);
  expect(svg).toContain("Monthly · median · SEI industry benchmarks");
  expect(svg).toContain("Elite &lt; 1 day");
  // The plot itself: its stacked bars and axis labels.
  expect(svg).toContain("recharts-bar-rectangle");
  expect(svg).toMatch(/\d{4}-\d{2}<\/tspan>/);
  // A well-formed document, as an image viewer reads it.
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    const root = doc.documentElement;
    return {
      error: doc.querySelector("parsererror")?.textContent ?? null,
      width: Number(root.getAttribute("width")),
      height: Number(root.getAttribute("height")),
    };
  }, svg);
  expect(parsed.error).toBeNull();
  expect(parsed.width).toBeGreaterThan(300);
  expect(parsed.height).toBeGreaterThan(240);
});

test("a trend chart downloads as a PNG of sensible size that is not blank, by keyboard", async ({ page }) => {
  await openView(page);
  const download = await downloadByKeyboard(page, "Download Change failure rate as PNG");
  expect(download.suggestedFilename()).toMatch(/^payments-change-failure-rate-.*\.png$/);
  const bytes = fs.readFileSync((await download.path())!);
  const { width, height } = pngSize(bytes);
  // Twice the chart's size on screen, with its title block.
  expect(width).toBeGreaterThanOrEqual(600);
  expect(width).toBeLessThanOrEqual(3000);
  expect(height).toBeGreaterThan(2 * 240);
  expect(height).toBeLessThan(width);
  // Drawn: white paper, dark ink and the series' colour in it.
  const colours = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement("canvas");
    [c.width, c.height] = [img.width, img.height];
    const ctx = c.getContext("2d")!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    let white = 0;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (r > 250 && g > 250 && b > 250) white++;
      else if (r < 80 && g < 80 && b < 100) dark++;
    }
    return { white: white / (data.length / 4), dark };
  }, bytes.toString("base64"));
  expect(colours.white).toBeGreaterThan(0.5);
  expect(colours.dark).toBeGreaterThan(500);
});

test("the org comparison's levels chart downloads too, with the org tree in the picture", async ({ page }) => {
  await page.goto("/org-trees/Engineering?range=6m&granularity=MONTHLY");
  await expect(page.getByRole("img", { name: /Teams at each level/ }).locator("svg.recharts-surface")).toBeVisible({
    timeout: 30_000,
  });
  const download = await downloadByKeyboard(page, "Download Teams at each level · Overall level as SVG");
  const svg = fs.readFileSync((await download.path())!, "utf8");
  expect(svg).toContain("Teams at each level · Overall level");
  expect(svg).toMatch(/Engineering · \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);
  expect(svg).toContain(">No rating</text>");
});

test("a chart of an opened CSV downloads with its team and dates", async ({ page }) => {
  await page.goto("/import");
  await page.getByLabel("CSV file").setInputFiles("e2e/fixtures/export-sample.csv");
  await expect(page.getByRole("img", { name: "Mean time to restore chart" }).locator("svg")).toBeVisible();
  const download = await downloadByKeyboard(page, "Download Mean time to restore as SVG");
  const svg = fs.readFileSync((await download.path())!, "utf8");
  expect(svg).toContain("Engineering · 2025-07-01 to 2025-12-31");
});

test("a view prints on A4 landscape: no navigation or controls, charts whole and within the page", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openView(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("form", { name: "View settings" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Copy link" })).toBeHidden();
  await expect(page.getByRole("button", { name: /as SVG$/ }).first()).toBeHidden();
  await expect(page.getByRole("button", { name: "Show data as table" }).first()).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
  const cards = page.locator(".chart-card");
  await expect(cards).toHaveCount(CHART_COUNT);
  for (const card of await cards.all())
    expect(await card.evaluate((el) => getComputedStyle(el).breakInside)).toBe("avoid");

  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.writeFileSync(`${SHOTS}/team-view.pdf`, pdf);
  // A4 landscape: 842 × 595 points.
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString("latin1"));
  expect(box).not.toBeNull();
  expect(Math.round(Number(box![1]))).toBe(842);
  expect(Math.round(Number(box![2]))).toBe(595);

  // A chart keeps the width it had on screen until recharts measures again, which a print does not
  // wait for: narrowed in the same task (before any resize is observed), each chart still fits its card.
  const overflow = await cards.evaluateAll((els) =>
    els.map((card) => {
      (card as HTMLElement).style.width = "420px";
      const svg = card.querySelector(".recharts-surface")!.getBoundingClientRect();
      const box = card.getBoundingClientRect();
      (card as HTMLElement).style.width = "";
      return { over: svg.right - box.right, share: svg.width / box.width, height: svg.height };
    }),
  );
  for (const o of overflow) {
    expect(o.over).toBeLessThanOrEqual(0);
    // Scaled down whole, not cut or collapsed.
    expect(o.share).toBeGreaterThan(0.8);
    expect(o.height).toBeGreaterThan(100);
  }
  // What the printed page looks like, at its width (A4 less the margins, about 1,030 CSS px).
  await page.setViewportSize({ width: 1032, height: 730 });
  await page.screenshot({ path: `${SHOTS}/print-preview.png`, fullPage: true });
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the chart cards with their download buttons have no axe violations in ${colorScheme} mode`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await openView(page);
    expect(await axeViolations(page)).toEqual([]);
  });
}
