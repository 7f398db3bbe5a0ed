// Accessibility checks of a page as it stands (axe-core).
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/**
 * axe's checks of `page`, run by axe in the page itself (the builder's legacy mode). By default
 * the builder checks each frame apart and merges the results in a blank page it opens for that, so
 * frames of other origins are checked too; Fourfold's pages have no frames, and opening that page
 * took 2–3 s of each check's 4–5 s on a 2-core machine, for the same results.
 */
const axe = (page: Page): AxeBuilder => new AxeBuilder({ page }).setLegacyMode();

/** What axe finds wrong on `page` (none: an empty list). */
export async function axeViolations(page: Page) {
  return (await axe(page).analyze()).violations;
}
