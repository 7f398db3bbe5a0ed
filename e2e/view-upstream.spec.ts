import { expect, test, type Page } from "@playwright/test";

// What a view's page does upstream: a page opened from another site creates nothing at SEI, and
// while SEI does not answer the view says it is trying again.

type Listed = { items: { params: { dateRange: { start: string; end: string } } }[] };

/** Whether an export of these dates was registered (whoever created it). */
async function registered(page: Page, start: string, end: string): Promise<boolean> {
  const listed = (await (await page.request.get("/api/exports?limit=100")).json()) as Listed;
  return listed.items.some((i) => i.params.dateRange.start === start && i.params.dateRange.end === end);
}

/** Holds back the browser's own creates, so that only what the server page did is registered. */
async function holdBrowserCreates(page: Page): Promise<string[]> {
  const creates: string[] = [];
  await page.route("**/api/exports", (route) => {
    if (route.request().method() !== "POST") return route.continue();
    creates.push(route.request().postData() ?? "");
    return route.abort();
  });
  return creates;
}

test("a view opened from another site's link renders, but its page creates no export; the browser asks itself", async ({
  page,
  baseURL,
}) => {
  const [start, end] = ["2025-03-03", "2025-04-13"];
  const link = `${baseURL}/teams/eng?start=${start}&end=${end}&granularity=WEEKLY`;
  // Another site's page with a link to the view: following it is a cross-site, top-level navigation,
  // which carries the session cookie (SameSite=Lax).
  await page.route("http://elsewhere.test/", (route) =>
    route.fulfill({ contentType: "text/html", body: `<a href="${link}">a team view</a>` }),
  );
  const creates = await holdBrowserCreates(page);
  await page.goto("http://elsewhere.test/");
  await page.getByRole("link", { name: "a team view" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Engineering" })).toBeVisible();
  // Once the page's early answer is in, the browser has the export from it or asks for it itself.
  const asked = () => creates.some((body) => body.includes(start));
  await expect.poll(async () => asked() || (await registered(page, start, end))).toBe(true);
  expect(await registered(page, start, end)).toBe(false);
  // It asked through the POST route, which checks the origin.
  expect(asked()).toBe(true);
});

test("a view opened directly (typed, bookmarked) has its export created by its page", async ({ page }) => {
  const [start, end] = ["2025-05-05", "2025-06-15"];
  await holdBrowserCreates(page);
  await page.goto(`/teams/eng?start=${start}&end=${end}&granularity=WEEKLY`);
  await expect(page.getByRole("heading", { level: 1, name: "Engineering" })).toBeVisible();
  await expect.poll(() => registered(page, start, end)).toBe(true);
});

test("while SEI does not answer, the view's status says it is trying again, until an answer comes", async ({
  page,
}) => {
  const unreachable = { code: "UPSTREAM_UNREACHABLE", message: "SEI did not answer in time. Try again in a moment." };
  await page.route(/\/api\/exports\/[^/?]+$/, (route) =>
    route.fulfill({ status: 504, contentType: "application/json", body: JSON.stringify(unreachable) }),
  );
  await page.goto("/teams/eng?start=2025-07-07&end=2025-08-17&granularity=WEEKLY");
  const status = page.getByRole("status").filter({ hasText: "Export status" });
  await expect(status).toContainText("SEI is not answering; trying again", { timeout: 15_000 });
  await page.unrouteAll();
  await expect(status).toContainText("Completed", { timeout: 30_000 });
  await expect(status).not.toContainText("SEI is not answering");
});
