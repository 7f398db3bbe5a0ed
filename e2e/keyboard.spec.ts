import { expect, test, type Locator } from "@playwright/test";
import { tabTo } from "./keys";

// The whole flow by keyboard only (spec: "the whole flow works by keyboard"): no click, no fill.

/** Focus is shown: the element matches :focus-visible and draws an outline or a ring. */
async function expectFocusVisible(target: Locator) {
  await expect(target).toBeFocused();
  const look = await target.evaluate((el) => {
    const s = getComputedStyle(el);
    return {
      matches: el.matches(":focus-visible"),
      outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0,
      ring: s.boxShadow !== "none",
    };
  });
  expect(look.matches).toBe(true);
  expect(look.outline || look.ring).toBe(true);
}

test("from home to a team, its settings, a sub-team, the exports and a CSV, by keyboard only", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/");
  const allTeams = page.getByRole("link", { name: "All teams and org trees" });
  await tabTo(page, allTeams, { max: 120 });
  await expectFocusVisible(allTeams);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/teams$/);

  const search = page.getByLabel("Search teams and org trees");
  await tabTo(page, search);
  await expectFocusVisible(search);
  await page.keyboard.type("Engineering");
  // The team, not the org tree of the same name.
  const team = page.getByRole("link", { name: "Engineering", exact: true }).and(page.locator('[href^="/teams/"]'));
  await tabTo(page, team);
  await expectFocusVisible(team);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/teams\/eng(\?|$)/);
  await expect(page.getByRole("heading", { level: 1, name: "Engineering" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Export status" })).toContainText("Completed", {
    timeout: 30_000,
  });

  const granularity = page.getByLabel("Granularity");
  await tabTo(page, granularity);
  await expectFocusVisible(granularity);
  const before = await granularity.inputValue();
  await page.keyboard.press(before === "WEEKLY" ? "ArrowUp" : "ArrowDown");
  await expect(granularity).not.toHaveValue(before);
  const after = await granularity.inputValue();
  await expect(page).toHaveURL(new RegExp(`granularity=${after}`));
  await expect(page.getByRole("status").filter({ hasText: "Export status" })).toContainText("Completed", {
    timeout: 30_000,
  });

  const subTeam = page.getByRole("table", { name: /Direct sub-teams/ }).getByRole("link", { name: "Payments" });
  await tabTo(page, subTeam, { max: 120 });
  await expectFocusVisible(subTeam);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/teams/eng-payments\\?.*granularity=${after}`));
  await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();

  const nav = page.getByRole("navigation", { name: "Main" });
  const exportsLink = nav.getByRole("link", { name: "Exports" });
  await tabTo(page, exportsLink, { back: true, max: 120 });
  await expectFocusVisible(exportsLink);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/exports$/);
  await expect(page.getByRole("heading", { level: 1, name: "Exports" })).toBeVisible();
  await expect(exportsLink).toHaveAttribute("aria-current", "page");

  const importLink = nav.getByRole("link", { name: "Open CSV" });
  await tabTo(page, importLink, { max: 120 });
  await expectFocusVisible(importLink);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/import$/);
  await expect(page.getByRole("heading", { level: 1, name: "Open a CSV" })).toBeVisible();
  const file = page.getByLabel("CSV file");
  await tabTo(page, file);
  await expectFocusVisible(file);
});
