// Moving the focus as a keyboard user does.
import type { Locator, Page } from "@playwright/test";

/**
 * Presses Tab (or Shift+Tab, `back`) until `target` has the focus, at most `max` times. The
 * target's element is found once and compared with the focused one after each press; it is looked
 * for again only when the page has replaced it. Finding it by role and name before every press (a
 * walk of the page's accessibility tree each time) was most of a long walk's time.
 */
export async function tabTo(page: Page, target: Locator, { back = false, max = 200 } = {}): Promise<void> {
  const key = back ? "Shift+Tab" : "Tab";
  let element = await target.elementHandle();
  for (let presses = 0, lookups = 0; ;) {
    const focused = await element
      ?.evaluate((el) => (el.isConnected ? el === document.activeElement : null))
      .catch(() => null);
    if (focused) return;
    if (focused === false) {
      if (presses++ === max) break;
      await page.keyboard.press(key);
    } else {
      if (lookups++ === max) break;
      element = await target.elementHandle();
    }
  }
  throw new Error(`${target} was not reached in ${max} presses of ${key}`);
}
