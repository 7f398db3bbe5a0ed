// The home page's part of `npm run bench:ui`: from the navigation to every card's levels painted,
// with the cards' exports already made (a second visit within 30 minutes reuses them).
import type { BrowserContext } from "@playwright/test";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchHome(context: BrowserContext, base: string): Promise<string> {
  // The first visit makes the exports (the engine computes them); the runs measured reuse them.
  const warm = await context.newPage();
  await warm.goto(`${base}/`);
  await warm.waitForFunction(
    () => {
      const cards = document.querySelectorAll("[data-home-card]").length;
      return cards > 0 && document.querySelectorAll("[data-home-card] [data-home-levels]").length === cards;
    },
    null,
    { timeout: 120_000 },
  );
  await warm.close();

  const times: number[] = [];
  let cards = 0;
  for (let run = 0; run < 5; run++) {
    const page = await context.newPage();
    // Painted: the frame after the last card's levels entered the page, from the navigation's start.
    await page.addInitScript(() => {
      const w = window as unknown as { paintedAt?: number };
      const seen = new MutationObserver(() => {
        const all = document.querySelectorAll("[data-home-card]").length;
        const done = document.querySelectorAll("[data-home-card] [data-home-levels]").length;
        // The page streams: wait for its end too, lest the first card's levels count for all.
        if (all === 0 || done < all || !document.querySelector("[data-home-end]")) return;
        seen.disconnect();
        requestAnimationFrame(() => (w.paintedAt = performance.now()));
      });
      seen.observe(document, { subtree: true, childList: true });
    });
    await page.goto(`${base}/`);
    await page.waitForFunction(() => (window as unknown as { paintedAt?: number }).paintedAt !== undefined, null, {
      timeout: 60_000,
    });
    times.push(Math.round(await page.evaluate(() => (window as unknown as { paintedAt: number }).paintedAt)));
    cards = await page.locator("[data-home-card]").count();
    await page.close();
  }
  return `home (${cards} cards, exports reused) → levels painted, 5 runs: ${times.join(", ")} ms; median ${median(times)} ms (target < 1000)`;
}
