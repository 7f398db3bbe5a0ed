import "server-only";
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { TeamSeries } from "@/lib/browser";
import { log } from "@/lib/server";
import type { ChartKind } from "../plot-props";
import type { SnapshotReply, SnapshotRequest } from "./protocol";

/** A drawing lost with its worker (it died, was stuck, or could not start): worth asking again. */
export class WorkerGoneError extends Error {}

/** A worker that has not answered by then is stuck (a drawing takes tens of milliseconds). */
const STUCK_MS = 15_000;
/**
 * A drawing allocates tens of megabytes of short-lived DOM nodes; a young generation that holds
 * them all lets them die there instead of being promoted, which halves a drawing's time.
 */
const YOUNG_GENERATION_MB = 128;

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (svg: string) => void; reject: (err: Error) => void }>;
  stopping: boolean;
}

// Kept on globalThis: instrumentation.ts (which warms the worker) and the pages are bundled apart,
// each with its own copy of this module, and must share one worker.
type Shared = { current: Thread | null; lastId: number; reportedMissing: boolean };
const shared = ((globalThis as { fourfoldChartWorker?: Shared }).fourfoldChartWorker ??= {
  current: null,
  lastId: 0,
  reportedMissing: false,
});

/** The bundled worker (scripts/build-worker.mjs); FOURFOLD_SNAPSHOTS_WORKER_FILE overrides it. */
export function workerFile(): string {
  return (
    process.env.FOURFOLD_SNAPSHOTS_WORKER_FILE ??
    path.join(/*turbopackIgnore: true*/ process.cwd(), "dist", "chart-worker.mjs")
  );
}

function spawn(): Thread {
  const file = workerFile();
  if (!fs.existsSync(/*turbopackIgnore: true*/ file))
    throw new WorkerGoneError(`chart worker not built: ${file} (run \`npm run build\`)`);
  const worker = new Worker(/*turbopackIgnore: true*/ file, {
    execArgv: withoutConditions(process.execArgv),
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  // The worker only ever serves requests; it must not keep a process alive on its own.
  worker.unref();
  const thread: Thread = { worker, pending: new Map(), stopping: false };
  let failure: string | undefined;
  worker.on("message", (reply: SnapshotReply) => {
    const waiting = thread.pending.get(reply.id);
    thread.pending.delete(reply.id);
    if ("svg" in reply) waiting?.resolve(reply.svg);
    else waiting?.reject(new Error(reply.error));
  });
  worker.on("error", (err) => (failure = err.message));
  worker.on("exit", (code) => {
    if (shared.current === thread) shared.current = null;
    // A stuck worker was reported as such; one that was told to stop is no news.
    if (!thread.stopping) log.warn("snapshots.worker_exited", { code, error: failure });
    for (const waiting of thread.pending.values()) waiting.reject(new WorkerGoneError(`chart worker exited (${code})`));
    thread.pending.clear();
  });
  return thread;
}

/**
 * The worker draws with react-dom/client: the `react-server` condition the scripts run with
 * (`tsx --conditions=react-server`) would give it React's server build, which cannot.
 */
export function withoutConditions(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if (arg === "--conditions" || arg === "-C") i++;
    else if (!/^(--conditions|-C)=/.test(arg)) kept.push(arg);
  }
  return kept;
}

/** The thread, started on first use and again after it died. */
function thread(): Thread {
  try {
    shared.current ??= spawn();
    shared.reportedMissing = false;
    return shared.current;
  } catch (err) {
    if (!shared.reportedMissing)
      log.warn("snapshots.worker_unavailable", { error: err instanceof Error ? err.message : String(err) });
    shared.reportedMissing = true;
    throw err instanceof WorkerGoneError ? err : new WorkerGoneError(String(err));
  }
}

/** Draws one chart's snapshot in the worker thread. */
export function requestSnapshot(
  kind: ChartKind,
  series: TeamSeries,
  benchmark: string,
  width: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const t = thread();
    const id = ++shared.lastId;
    const stuck = setTimeout(() => {
      if (t.stopping) return;
      log.warn("snapshots.worker_stuck", { kind, ms: STUCK_MS });
      t.stopping = true;
      void t.worker.terminate();
    }, STUCK_MS);
    stuck.unref();
    const settle = () => clearTimeout(stuck);
    t.pending.set(id, {
      resolve: (svg) => (settle(), resolve(svg)),
      reject: (err) => (settle(), reject(err)),
    });
    const request: SnapshotRequest = { id, kind, series, benchmark, width };
    try {
      t.worker.postMessage(request);
    } catch (err) {
      t.pending.delete(id);
      settle();
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

/** Ends the worker, if any; the next request starts a new one. */
export async function stopWorker(): Promise<void> {
  const t = shared.current;
  if (!t) return;
  t.stopping = true;
  shared.current = null;
  await t.worker.terminate();
}
