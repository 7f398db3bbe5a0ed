import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";

// No page scrolls sideways on a phone (320 and 390 px wide): what is wider than the screen (a table
// of sub-teams, the org comparison, a report) scrolls in a box of its own, which says so.

const SHOTS = ".tmp/small-screens";
const fixture = (name: string) => path.resolve("e2e/fixtures", name);

/** The page's own sideways scroll, with the widest culprits when there is one. */
async function pageWidth(page: Page) {
  return page.evaluate(() => {
    const root = document.scrollingElement!;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .filter((el) => !el.closest('[role="region"]'))
      .slice(0, 5)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}">`);
    return { scrollWidth: root.scrollWidth, innerWidth: window.innerWidth, culprits };
  });
}

async function expectNoSidewaysScroll(page: Page, what: string) {
  const w = await pageWidth(page);
  expect(w.scrollWidth, `${what} at ${w.innerWidth} px is ${w.scrollWidth} px wide: ${w.culprits.join(", ")}`).toBe(
    w.innerWidth,
  );
}

async function viewCompleted(page: Page) {
  await expect(page.getByRole("status").filter({ hasText: "Export status" })).toContainText("Completed", {
    timeout: 30_000,
  });
}

/** Every page a signed-in user can reach, each in the state where it is widest. */
const PAGES: { name: string; open: (page: Page) => Promise<void> }[] = [
  {
    name: "teams",
    open: async (page) => {
      await page.goto("/teams");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    },
  },
  {
    name: "home",
    open: async (page) => {
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    },
  },
  {
    name: "team view",
    open: async (page) => {
      await page.goto("/teams/eng?range=12m&granularity=WEEKLY");
      await viewCompleted(page);
      await expect(page.getByRole("table", { name: /Direct sub-teams/ })).toBeVisible();
      // A chart read as a table, too.
      await page.getByRole("button", { name: "Show data as table" }).first().click();
      await expect(page.getByRole("table", { name: /data by period/ })).toBeVisible();
    },
  },
  {
    name: "org-tree view",
    open: async (page) => {
      await page.goto("/org-trees/Engineering?range=6m&granularity=MONTHLY");
      await viewCompleted(page);
      await expect(page.getByRole("table", { name: /^\d+ of \d+ teams of Engineering/ })).toBeVisible();
    },
  },
  {
    name: "exports",
    open: async (page) => {
      await page.goto("/exports");
      await expect(page.getByRole("heading", { level: 1, name: "Exports" })).toBeVisible();
      await expect(page.getByRole("list", { name: "Exports" }).getByRole("listitem").first()).toBeVisible();
    },
  },
  {
    name: "report",
    open: async (page) => {
      await page.goto("/reports");
      await page.getByLabel("Team").selectOption({ label: "Engineering" });
      await page.getByLabel("Granularity").selectOption("weekly");
      await page.getByRole("button", { name: "Run report" }).click();
      await expect(page.getByRole("table", { name: /Efficiency report for Engineering/ })).toBeVisible({
        timeout: 30_000,
      });
    },
  },
  {
    name: "import",
    open: async (page) => {
      await page.goto("/import");
      await page.getByLabel("CSV file").setInputFiles(fixture("export-sample.csv"));
      await expect(page.getByRole("table", { name: /Every column of the export/ })).toBeVisible();
    },
  },
  {
    name: "not found",
    open: async (page) => {
      await page.goto("/no-such-page");
      await expect(page.getByRole("heading").first()).toBeVisible();
    },
  },
];

for (const width of [320, 390]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 800 } });

    test("no signed-in page scrolls sideways", async ({ page }) => {
      test.setTimeout(180_000);
      fs.mkdirSync(SHOTS, { recursive: true });
      for (const p of PAGES) {
        await p.open(page);
        await expectNoSidewaysScroll(page, p.name);
        await page.screenshot({
          path: path.join(SHOTS, `${width}-${p.name.replaceAll(" ", "-")}.png`),
          fullPage: true,
        });
      }
    });

    test.describe("signed out", () => {
      test.use({ storageState: { cookies: [], origins: [] } });

      test("the sign-in page does not scroll sideways", async ({ page }) => {
        await page.goto("/signin");
        await expect(page.getByLabel("Email")).toBeVisible();
        await expectNoSidewaysScroll(page, "sign-in");
      });
    });
  });
}

test.describe("a wide table on a phone", () => {
  test.use({ viewport: { width: 390, height: 800 } });

  test("scrolls in its own named box, with a shadow at the edge that has more, by keyboard too", async ({ page }) => {
    await page.goto("/teams/eng?range=6m&granularity=MONTHLY");
    await viewCompleted(page);
    const box = page.getByRole("region", { name: /Direct sub-teams of Engineering/ });
    await expect(box).toBeVisible();
    await expect(box).toHaveAttribute("tabindex", "0");
    const cue = (edge: "left" | "right") =>
      box
        .locator("xpath=..")
        .locator(`[data-edge="${edge}"]`)
        .evaluate((el) => getComputedStyle(el).opacity);
    await expect.poll(() => cue("right")).toBe("1");
    expect(await cue("left")).toBe("0");

    // A keyboard user focuses the box and scrolls it with the arrow keys.
    await box.focus();
    await expect(box).toBeFocused();
    for (let i = 0; i < 12; i++) await page.keyboard.press("ArrowRight");
    await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await expect.poll(() => cue("left")).toBe("1");
    await box.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect.poll(() => cue("right")).toBe("0");
    await expectNoSidewaysScroll(page, "team view, table scrolled");
  });
});
