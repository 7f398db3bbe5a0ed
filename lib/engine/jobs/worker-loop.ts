// What the export worker does with one job, apart from the thread it runs in (worker-entry.ts), so
// that its handling of a store it cannot write to can be tested.
import { ScopeNotFoundError } from "@/lib/dora/hierarchy";
import type { Store } from "@/lib/store/db";
import { claimNext, completeJob, failAttempt, type JobRow } from "./repo";
import { runExport, type Artifact } from "./run-export";

/** What the worker tells the server, which logs it. */
export type WorkerMessage =
  | { type: "started"; id: string }
  | { type: "completed"; id: string; rowCount: number }
  | { type: "failed"; id: string; outcome: "retry" | "failed"; error: string; disk?: string }
  | { type: "store_error"; error: string; disk?: string }
  | { type: "crashed"; error: string };

export interface LoopDeps {
  db: Store;
  /** The store's folder, named in the log when its disk is full. */
  storeDir: string;
  exportsDir: string;
  owner: string;
  post: (msg: WorkerMessage) => void;
  /** Waits `ms`, or less when woken. */
  idle: (ms: number) => Promise<void>;
  /** Holds each job in PROCESSING for a while (the crash-recovery test). */
  delayMs?: number;
  run?: typeof runExport;
  complete?: typeof completeJob;
  fail?: typeof failAttempt;
}

/** How long the worker waits between tries to record a job's outcome in a store it cannot write to. */
export const RECORD_RETRY_MS = [250, 500, 1000, 2000] as const;

/** Claims and runs one job; false when none was waiting. */
export async function runNext(deps: LoopDeps): Promise<boolean> {
  const job = await claimNext(deps.db, deps.owner);
  if (!job) return false;
  deps.post({ type: "started", id: job.id });
  if (deps.delayMs) await new Promise((r) => setTimeout(r, deps.delayMs));
  const deferred: (() => Promise<void>)[] = [];
  let artifact: Artifact | null = null;
  let failure: unknown = null;
  try {
    artifact = await (deps.run ?? runExport)(deps.db, deps.exportsDir, job, (task) => deferred.push(task));
  } catch (err) {
    failure = err;
  }
  await record(deps, job, artifact, failure);
  // Losing this work only costs the next export its head start.
  for (const task of deferred) await task().catch(() => {});
  return true;
}

/**
 * Records a job's outcome, trying again until the store takes it. A full disk fails the write of the
 * file and then the record of that failure too: a worker that gave up there left the job PROCESSING
 * until its lease ran out, 10 minutes on. It holds the job instead, so once space is back the job
 * is completed, or retried on its schedule (2 s, 8 s), counted from then.
 */
async function record(deps: LoopDeps, job: JobRow, artifact: Artifact | null, failure: unknown): Promise<void> {
  const complete = deps.complete ?? completeJob;
  const fail = deps.fail ?? failAttempt;
  for (let tries = 0; ; tries++) {
    try {
      if (artifact) {
        if (await complete(deps.db, job.id, deps.owner, artifact)) {
          deps.post({ type: "completed", id: job.id, rowCount: artifact.rowCount });
        }
      } else {
        const outcome = await fail(deps.db, job, deps.owner, describe(failure));
        deps.post({ type: "failed", id: job.id, outcome, error: errorText(failure), ...diskOf(failure, deps) });
      }
      return;
    } catch (err) {
      deps.post({ type: "store_error", error: errorText(err), ...diskOf(err, deps) });
      await deps.idle(RECORD_RETRY_MS[Math.min(tries, RECORD_RETRY_MS.length - 1)]!);
    }
  }
}

/** The job's error as the poll shows it: never internals. */
export function describe(err: unknown): { code: string; message: string } {
  if (err instanceof ScopeNotFoundError) return { code: "INVALID_EXPORT", message: err.message };
  if (err instanceof RangeError) return { code: "INVALID_EXPORT", message: err.message };
  return { code: "EXPORT_FAILED", message: "The export could not be computed." };
}

export const errorText = (err: unknown): string => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));

/**
 * `{disk}`, the folder whose disk is full, when that is what the error says, so that the log names
 * it: the store's (SQLite's SQLITE_FULL) or the export files' (the system's ENOSPC or EDQUOT).
 */
export function diskOf(err: unknown, dirs: { storeDir: string; exportsDir: string }): { disk?: string } {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "SQLITE_FULL") return { disk: dirs.storeDir };
  if (code === "ENOSPC" || code === "EDQUOT") return { disk: dirs.exportsDir };
  return {};
}
