import { expect, test, type Page } from "@playwright/test";
import { addUser, signIn } from "./accounts";
import { axeViolations } from "./axe";

// Home: the teams and org trees a user may see, each with its levels in the last complete month
// and the change from the month before, and the last view opened one click away.

const card = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

/** The levels table of a card, once its export is read. */
const levels = (page: Page, name: string) => card(page, name).getByRole("table", { name: /^Levels of / });

test("an admin's home: every org tree, its teams' levels and changes, each team a link to its view", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Your teams" })).toBeVisible();
  for (const tree of ["Org tree Engineering", "Org tree Platform"]) {
    const table = levels(page, tree);
    await expect(table).toBeVisible({ timeout: 60_000 });
    await expect(table.getByRole("columnheader")).toHaveText([
      "Team",
      "Overall",
      "Lead time",
      "Deploy frequency",
      "Failure rate",
      "Time to restore",
    ]);
  }
  const eng = levels(page, "Org tree Engineering");
  const rows = eng.getByRole("row");
  // A header row and the tree's twelve teams, root first.
  await expect(rows).toHaveCount(13);
  await expect(rows.nth(1).getByRole("rowheader")).toHaveText("Engineering");
  await expect(eng.getByRole("cell").first()).toContainText(/Elite|High|Medium|Low|No rating/);
  await expect(eng).toContainText(/up from|down from|same as the month before/);
  await expect(page.getByRole("region", { name: /^(Org tree|Team) / })).toHaveCount(2);

  await eng.getByRole("link", { name: "Growth" }).click();
  await expect(page).toHaveURL(/\/teams\/eng-growth\?range=3m&granularity=MONTHLY/);
  await expect(page.getByRole("heading", { level: 1, name: "Growth" })).toBeVisible();
});

test("the last view opened is one click away", async ({ page }) => {
  await page.goto("/teams/eng-payments?range=3m&granularity=QUARTERLY");
  await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
  await page.goto("/");
  const last = page.getByRole("link", { name: "Team Payments, last 3 months" });
  await expect(last).toBeVisible();
  await last.click();
  await expect(page).toHaveURL(/\/teams\/eng-payments\?.*granularity=QUARTERLY/);
});

test("a second visit paints its levels with the page: the exports are reused", async ({ page }) => {
  await page.goto("/");
  await expect(levels(page, "Org tree Engineering")).toBeVisible({ timeout: 60_000 });
  await expect(levels(page, "Org tree Platform")).toBeVisible({ timeout: 60_000 });
  // The server read the reused exports: the tables are in the page's HTML, before any script runs.
  const html = await (await page.request.get("/", { headers: { "sec-fetch-site": "same-origin" } })).text();
  expect(html.match(/data-home-levels="true"/g)?.length).toBe(2);
});

test.describe("a manager of one team", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("sees that team and the teams below it, and nothing else", async ({ page }) => {
    const password = addUser("home-payments@example.com", ["eng-payments"]);
    await signIn(page, "home-payments@example.com", password);
    await page.goto("/");
    const table = levels(page, "Team Payments");
    await expect(table).toBeVisible({ timeout: 60_000 });
    await expect(table.getByRole("rowheader")).toHaveText(["Payments", "Billing", "Checkout", "Fraud Detection"]);
    await expect(page.getByRole("region", { name: /^(Org tree|Team) / })).toHaveCount(1);
    await expect(page.getByText("Org tree Engineering")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Growth" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Platform" })).toHaveCount(0);
  });
});

for (const scheme of ["light", "dark"] as const) {
  test(`home has no axe violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/");
    await expect(levels(page, "Org tree Platform")).toBeVisible({ timeout: 60_000 });
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `.tmp/i15a/home-${scheme}-1440.png`, fullPage: true });
  });
}

test.describe("at a phone's width", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("home fits: its tables scroll in their own box", async ({ page }) => {
    await page.goto("/");
    await expect(levels(page, "Org tree Engineering")).toBeVisible({ timeout: 60_000 });
    await page.screenshot({ path: ".tmp/i15a/home-390.png", fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the icons, the manifest and robots.txt are served without a session", async ({ request, page }) => {
    const robots = await request.get("/robots.txt");
    expect(robots.status()).toBe(200);
    expect(await robots.text()).toMatch(/User-agent: \*\s+Disallow: \/\s*$/);
    const manifest = await request.get("/manifest.webmanifest");
    expect(manifest.status()).toBe(200);
    const icons = ((await manifest.json()) as { icons: { src: string; type: string }[] }).icons;
    for (const icon of [
      ...icons,
      { src: "/favicon.ico", type: "image/" },
      { src: "/icons/apple-touch-icon.png", type: "image/png" },
    ]) {
      const res = await request.get(icon.src);
      expect({ src: icon.src, status: res.status() }).toEqual({ src: icon.src, status: 200 });
      expect(res.headers()["content-type"]).toContain(icon.type.split("+")[0]);
    }
    await page.goto("/signin");
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
    await expect(page.locator('link[rel="icon"][type="image/svg+xml"]')).toHaveAttribute("href", "/favicon.svg");
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  });
});
