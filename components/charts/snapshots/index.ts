import "server-only";
// The trend charts' snapshots, drawn on the server: the page ships them as static SVG so the
// charts show before their code has loaded. Drawn by recharts in a worker thread (see draw.tsx),
// cached by the caller's key, never in the way: past its time budget or on any failure a call
// resolves with what it has, possibly nothing, and the page draws the rest in the browser.
import type { TeamSeries } from "@/lib/browser";
import { log } from "@/lib/server";
import { CHART_KINDS, drawnKinds, type ChartSnapshots, type ChartKind } from "../plot-props";
import { Lru } from "./lru";
import { requestSnapshot, stopWorker, WorkerGoneError } from "./worker-client";

export interface SnapshotsRequest {
  /** Names the drawing: the same key must always mean the same series, benchmark and width. */
  key: string;
  series: TeamSeries;
  benchmark: string;
  width: number;
}

const CACHE_ENTRIES = 200;
const DEFAULT_BUDGET_MS = 1500;

/** A chart's snapshot once drawn; undefined when it cannot be drawn. */
type Drawing = Promise<string | undefined>;
// Shared through globalThis by every copy of this module (instrumentation.ts is bundled apart from the pages).
type Shared = { cache: Lru<string, Partial<Record<ChartKind, Drawing>>>; asked: boolean };
const shared = ((globalThis as { fourfoldSnapshots?: Shared }).fourfoldSnapshots ??= {
  cache: new Lru<string, Partial<Record<ChartKind, Drawing>>>(CACHE_ENTRIES),
  asked: false,
});
const cache = shared.cache;

/**
 * The snapshots of the charts the series draws. Resolves within `budgetMs` with the snapshots
 * drawn by then; the others are still drawn, into the cache, for the next call with the same key.
 */
export async function drawSnapshots(req: SnapshotsRequest, opts: { budgetMs?: number } = {}): Promise<ChartSnapshots> {
  try {
    const kinds = drawnKinds(req.series);
    const drawings = drawingsFor(req, kinds);
    return await collect(kinds, drawings, opts.budgetMs ?? DEFAULT_BUDGET_MS);
  } catch (err) {
    log.warn("snapshots.failed", { error: describe(err) });
    return {};
  }
}

/** The cached drawings of the key, with a drawing started for each kind it lacks. */
function drawingsFor(req: SnapshotsRequest, kinds: readonly ChartKind[]): Partial<Record<ChartKind, Drawing>> {
  const drawings = cache.get(req.key) ?? {};
  cache.set(req.key, drawings);
  for (const kind of kinds) drawings[kind] ??= draw(req, kind, drawings);
  return drawings;
}

function draw(req: SnapshotsRequest, kind: ChartKind, drawings: Partial<Record<ChartKind, Drawing>>): Drawing {
  shared.asked = true;
  return requestSnapshot(kind, req.series, req.benchmark, req.width).catch((err: unknown) => {
    // A lost worker is asked again next time; a chart it could not draw would fail the same way.
    if (err instanceof WorkerGoneError) delete drawings[kind];
    else log.warn("snapshots.draw_failed", { kind, error: describe(err) });
    return undefined;
  });
}

async function collect(
  kinds: readonly ChartKind[],
  drawings: Partial<Record<ChartKind, Drawing>>,
  budgetMs: number,
): Promise<ChartSnapshots> {
  const snapshots: ChartSnapshots = {};
  const all = Promise.all(
    kinds.map(async (kind) => {
      const svg = await drawings[kind];
      if (svg !== undefined) snapshots[kind] = svg;
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<void>((resolve) => (timer = setTimeout(resolve, budgetMs)));
  await Promise.race([all, budget]);
  clearTimeout(timer);
  // A copy: drawings that finish late must not change what the caller already has.
  return { ...snapshots };
}

/** Each kind drawn this often warms the worker's code enough for a first request to be a usual one. */
const WARM_ROUNDS = 6;

/**
 * Starts the worker and draws a few charts in it, so that no visitor waits for its start or for
 * its code to warm up. One drawing at a time, and none once a page has asked for one: a visitor
 * never waits behind more than one of them.
 */
export function warmSnapshots(): void {
  shared.asked = false;
  void (async () => {
    const series = warmSeries();
    for (let round = 0; round < WARM_ROUNDS; round++) {
      for (const kind of CHART_KINDS) {
        if (shared.asked) return;
        const drawn = await requestSnapshot(kind, series, "sei", 640).catch(() => null);
        if (drawn === null) return;
      }
    }
  })();
}

function warmSeries(): TeamSeries {
  const at = <T>(make: (i: number) => T) =>
    Array.from({ length: 12 }, (_, i) => ({ period: `2026-W${10 + i}`, start: null, end: null, ...make(i) }));
  const or = (i: number, v: number) => (i === 4 ? null : v);
  return {
    lttc: at((i) => ({
      PLANNING: or(i, 1),
      CODING: or(i, 2),
      REVIEW: or(i, 1),
      BUILD: or(i, 0.1),
      DEPLOY: or(i, 0.2),
      LTTC: or(i, 4 + (i % 3)),
      changes: or(i, 5),
    })),
    df: at((i) => ({ deployments: or(i, 3 + (i % 4)), perDay: or(i, 0.5), days: 7 })),
    cfr: at((i) => ({ percent: or(i, 5 + i), failures: or(i, 1), total: or(i, 12) })),
    mttr: at((i) => ({ days: or(i, 0.1 * i), incidents: or(i, 2) })),
    fdrt: [],
    rework: [],
    has: { lttc: true, df: true, cfr: true, mttr: true, fdrt: false, rework: false },
  };
}

/** Stops the worker and forgets every drawing (tests; a server that shuts down). */
export async function stopSnapshots(): Promise<void> {
  cache.clear();
  await stopWorker();
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
