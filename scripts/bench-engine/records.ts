// The records behind a figure and the data's coverage (spec §9) for one team over a range: the
// whole list walked in pages of 1,000 to keep cursors spread through it, then default pages (100
// items) read from those cursors, each timed; and coverage, first (deriving the deployment facts
// when the data changed since) and again.
import { call, type Client } from "./client";

export interface RecordsRun {
  metric: string;
  total: number;
  /** Pages of 1,000 read to walk the list. */
  walkPages: number;
  walkMs: number;
  /** The default pages read from cursors spread through the list, each timed. */
  pageMs: number[];
  /** Where those pages started, as a share of the list (0 = its first page). */
  depths: number[];
}

export interface CoverageRun {
  firstMs: number;
  againMs: number;
  body: unknown;
}

interface Page {
  items: unknown[];
  total: number;
  nextCursor: string | null;
}

function recordsPath(query: Record<string, string>): string {
  return `/v2/insights/efficiency/records?${new URLSearchParams(query).toString()}`;
}

async function get(c: Client, pathname: string): Promise<{ page: Page; ms: number }> {
  const r = await call(c, "GET", pathname, undefined, 60_000);
  if (r.status !== 200) throw new Error(`GET ${pathname}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  return { page: r.body as Page, ms: r.ms };
}

/**
 * Walks the metric's whole list for the team in pages of 1,000, keeps `calls` cursors evenly
 * spread through it, then reads one default page from each (the deepest near the list's end).
 */
export async function recordsRun(
  c: Client,
  q: { teamId: string; metric: string; start: string; end: string },
  calls: number,
): Promise<RecordsRun> {
  const cursors: { cursor: string | null; depth: number }[] = [];
  let cursor: string | null = null;
  let seen = 0;
  let total = 0;
  let walkMs = 0;
  let walkPages = 0;
  const every = { next: 0, step: 1 };
  do {
    const { page, ms } = await get(c, recordsPath({ ...q, limit: "1000", ...(cursor ? { cursor } : {}) }));
    if (walkPages === 0) {
      total = page.total;
      every.step = Math.max(1, Math.floor(total / calls));
    }
    walkMs += ms;
    walkPages++;
    // The cursor before this page starts at `seen`; keep it when it reaches the next mark.
    if (seen >= every.next && cursors.length < calls) {
      cursors.push({ cursor, depth: total === 0 ? 0 : seen / total });
      every.next += every.step;
    }
    seen += page.items.length;
    cursor = page.nextCursor;
  } while (cursor !== null);
  const pageMs: number[] = [];
  for (const at of cursors) {
    const { ms } = await get(c, recordsPath({ ...q, ...(at.cursor ? { cursor: at.cursor } : {}) }));
    pageMs.push(ms);
  }
  return { metric: q.metric, total, walkPages, walkMs, pageMs, depths: cursors.map((x) => x.depth) };
}

export async function coverageRun(c: Client, q: { teamId: string; start: string; end: string }): Promise<CoverageRun> {
  const pathname = `/v2/insights/efficiency/coverage?${new URLSearchParams(q).toString()}`;
  const first = await call(c, "GET", pathname, undefined, 120_000);
  if (first.status !== 200) throw new Error(`coverage: HTTP ${first.status} ${JSON.stringify(first.body)}`);
  const again = await call(c, "GET", pathname, undefined, 120_000);
  return { firstMs: first.ms, againMs: again.ms, body: first.body };
}
