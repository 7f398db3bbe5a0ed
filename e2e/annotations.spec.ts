import { expect, test, type Page } from "@playwright/test";
import { suiteServer } from "./suite";
import { addUser, signIn } from "./accounts";
import { axeViolations } from "./axe";
import { tabTo } from "./keys";

// Notes on a team or org tree: written from the view, marked on every chart of the team and of the
// views above it (dashed there, as a sub-team's), listed under the charts, and changed or deleted
// only by their author or an admin.

const CHARTS = ["Lead time for changes", "Deployment frequency", "Change failure rate", "Mean time to restore"];

/** A day `months` whole months before this one, on day `day` (UTC): inside the default 6-month range for 1–5. */
function monthsAgo(months: number, day: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, day)).toISOString().slice(0, 10);
}

async function openView(page: Page, path: string) {
  await page.goto(`${path}?range=6m&granularity=MONTHLY`);
  await expect(page.getByRole("status").filter({ hasText: "Export status" })).toContainText("Completed", {
    timeout: 30_000,
  });
  await expect(page.getByRole("heading", { name: "Notes", exact: true })).toBeVisible();
}

/** The marks of a kind drawn on one live chart (the server's snapshot has none). */
const marks = (page: Page, chart: string, kind: "own" | "sub-team") =>
  page.getByRole("img", { name: `${chart} chart` }).locator(`.plot-live .annotation-mark-${kind}`);

const noteItem = (page: Page, text: string) =>
  page.getByRole("list", { name: "Notes" }).getByRole("listitem").filter({ hasText: text });

test("a note on a sub-team, added by mouse, is marked on its charts and on the views above it as a sub-team's", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const text = `deploy freeze ${Date.now()}`;
  await openView(page, "/teams/eng-growth");

  const crumbs = page.getByRole("navigation", { name: "Breadcrumbs" });
  await expect(crumbs.getByRole("link", { name: "Org tree Engineering" })).toBeVisible();
  await expect(crumbs.getByRole("link", { name: "Team Engineering" })).toBeVisible();
  await expect(crumbs.locator('[aria-current="page"]')).toHaveText("Team Growth");

  const form = page.getByRole("form", { name: "Add a note" });
  await form.getByLabel("Date").fill(monthsAgo(3, 12));
  await form.getByLabel("Until (optional)").fill(monthsAgo(2, 3));
  await form.getByLabel("Note").fill(text);
  await form.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Note added." })).toBeVisible();
  const item = noteItem(page, text);
  await expect(item).toContainText(`${monthsAgo(3, 12)} to ${monthsAgo(2, 3)}`);
  await expect(item).toContainText("admin@localhost");
  await expect(item).not.toContainText("Sub-team");
  await expect(form.getByLabel("Note")).toHaveValue("");
  for (const chart of CHARTS) await expect(marks(page, chart, "own")).toHaveCount(1);

  for (const [path, label] of [
    ["/teams/eng", "Sub-team Growth"],
    ["/org-trees/Engineering", "Team Growth"],
  ] as const) {
    await openView(page, path);
    await expect(noteItem(page, text)).toContainText(label);
    for (const chart of CHARTS) await expect(marks(page, chart, "sub-team")).toHaveCount(1);
  }
  // Not on a sibling's view.
  await openView(page, "/teams/eng-payments");
  await expect(noteItem(page, text)).toHaveCount(0);
});

test("a note added, changed and deleted by keyboard only", async ({ page }) => {
  test.setTimeout(120_000);
  const text = `moved to trunk-based development ${Date.now()}`;
  await openView(page, "/teams/eng-payments");
  const form = page.getByRole("form", { name: "Add a note" });

  const date = form.getByLabel("Date");
  await tabTo(page, date);
  // A date field takes its parts as typed digits, in the locale's order (en-US: month, day, year).
  const day = monthsAgo(2, 20);
  await page.keyboard.type(`${day.slice(5, 7)}${day.slice(8, 10)}${day.slice(0, 4)}`);
  await expect(date).toHaveValue(day);
  await tabTo(page, form.getByLabel("Note"));
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
  const item = noteItem(page, text);
  await expect(item).toBeVisible();
  for (const chart of CHARTS) await expect(marks(page, chart, "own")).toHaveCount(1);

  const edit = item.getByRole("button", { name: /^Edit note \d+$/ });
  await tabTo(page, edit);
  await page.keyboard.press("Enter");
  const field = page.getByRole("form", { name: /^Change note \d+$/ }).getByLabel("Note");
  await expect(field).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(`${text}, done`);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: /Note \d+ saved\./ })).toBeVisible();
  const changed = noteItem(page, `${text}, done`);
  await expect(changed).toContainText("(changed ");
  await expect(changed.getByRole("button", { name: /^Edit note/ })).toBeFocused();

  await tabTo(page, changed.getByRole("button", { name: /^Delete note/ }));
  await page.keyboard.press("Enter");
  await expect(changed.getByRole("button", { name: "Delete note", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Note deleted." })).toBeVisible();
  await expect(noteItem(page, text)).toHaveCount(0);
  for (const chart of CHARTS) await expect(marks(page, chart, "own")).toHaveCount(0);
});

test.describe("other users", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("one who may see a note cannot change it (403); one who may not see its team never sees it", async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const headers = { origin: baseURL! };
    const lead = { email: "lead@example.com", password: addUser("lead@example.com", ["eng"]) };
    const payments = { email: "payments@example.com", password: addUser("payments@example.com", ["eng-payments"]) };

    // The lead of Engineering writes a note on Growth through the page's own API.
    const leadContext = await browser.newContext();
    const leadPage = await leadContext.newPage();
    await signIn(leadPage, lead.email, lead.password);
    const text = `lead's note ${Date.now()}`;
    const created = await leadPage.request.post("/api/annotations", {
      headers,
      data: { scope: { teamId: "eng-growth" }, startDate: monthsAgo(2, 5), text },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: number };

    // The payments manager may not see Growth: neither its notes nor its view.
    const payContext = await browser.newContext();
    const payPage = await payContext.newPage();
    await signIn(payPage, payments.email, payments.password);
    expect((await payPage.request.get("/api/annotations?teamId=eng-growth")).status()).toBe(403);
    expect((await payPage.request.get("/api/annotations?teamId=eng")).status()).toBe(403);
    const patch = await payPage.request.patch(`/api/annotations/${id}`, { headers, data: { text: "x" } });
    expect(patch.status()).toBe(404);
    await payPage.goto("/teams/eng-growth");
    await expect(payPage.getByRole("heading", { name: "No access" })).toBeVisible();
    await expect(payPage.getByText(text)).toHaveCount(0);
    await openView(payPage, "/teams/eng-payments");
    await expect(payPage.getByText(text)).toHaveCount(0);
    await payContext.close();

    // The admin writes a note too, and may change the lead's.
    const adminContext = await browser.newContext({ storageState: suiteServer().storageState });
    const adminPage = await adminContext.newPage();
    await adminPage.goto("/");
    const adminsNote = `admin's note ${Date.now()}`;
    const byAdmin = await adminPage.request.post("/api/annotations", {
      headers,
      data: { scope: { teamId: "eng-growth" }, startDate: monthsAgo(2, 7), text: adminsNote },
    });
    expect(byAdmin.status()).toBe(201);
    const adminId = ((await byAdmin.json()) as { id: number }).id;
    const tidied = await adminPage.request.patch(`/api/annotations/${id}`, { headers, data: { text: `${text}!` } });
    expect(tidied.status()).toBe(200);
    await adminContext.close();

    // The lead may see the admin's note but not change or delete it.
    const refused = await leadPage.request.patch(`/api/annotations/${adminId}`, {
      headers,
      data: { text: "mine now" },
    });
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "PERMISSION_DENIED" });
    expect((await leadPage.request.delete(`/api/annotations/${adminId}`, { headers })).status()).toBe(403);
    await openView(leadPage, "/teams/eng-growth");
    await expect(noteItem(leadPage, adminsNote)).toBeVisible();
    await expect(noteItem(leadPage, adminsNote).getByRole("button")).toHaveCount(0);
    await expect(noteItem(leadPage, `${text}!`).getByRole("button", { name: /^Edit note/ })).toBeVisible();
    await leadContext.close();
  });
});

for (const scheme of ["light", "dark"] as const) {
  test(`a view's notes, listed and being changed, have no axe violations (${scheme})`, async ({ page }) => {
    // Two axe passes over a whole view take long on a busy machine.
    test.setTimeout(120_000);
    // A note of its own on each attempt: a retry must not find the first attempt's note too.
    const text = `axe ${scheme} ${Date.now()}`;
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/teams/eng-mobile?range=6m&granularity=MONTHLY");
    await expect(page.getByRole("heading", { name: "Notes", exact: true })).toBeVisible({ timeout: 30_000 });
    const form = page.getByRole("form", { name: "Add a note" });
    await form.getByLabel("Date").fill(monthsAgo(1, 2));
    await form.getByLabel("Note").fill(text);
    await form.getByRole("button", { name: "Add note" }).click();
    const item = noteItem(page, text);
    await expect(item).toBeVisible();
    await expect(marks(page, "Deployment frequency", "own").first()).toBeAttached();
    expect(await axeViolations(page)).toEqual([]);
    await item.getByRole("button", { name: /^Edit note/ }).click();
    const change = page.getByRole("form", { name: /^Change note \d+$/ });
    await change.getByLabel("Until (optional)").fill(monthsAgo(3, 1));
    await expect(change.getByRole("alert")).toHaveText("The last day must not be before the first.");
    await page.screenshot({ path: `.tmp/i15a/notes-${scheme}-1440.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });
}

test.describe("at a phone's width", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the notes fit without scrolling sideways", async ({ page }) => {
    await openView(page, "/teams/eng-growth");
    await page.getByRole("heading", { name: "Notes", exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: ".tmp/i15a/notes-390.png", fullPage: true });
    const notes = page.getByRole("heading", { name: "Notes", exact: true }).locator("xpath=..");
    const box = await notes.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  });
});
