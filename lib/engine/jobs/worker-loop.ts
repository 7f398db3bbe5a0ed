// What the export worker does with one job, apart from the thread it runs in (worker-entry.ts), so
// that its handling of a store it cannot write to can be tested.
import fs from "node:fs";
import { ScopeNotFoundError } from "@/lib/dora";
import { isPostgres, writeTransaction, type Store } from "@/lib/store";
import { claimIn, claimNext, completeJob, failAttempt, LEASE_RENEW_MS, renewLeases, type JobRow } from "./repo";
import type { Defer } from "../figure-records";
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
  /** How often the leases of held jobs are renewed on a shared store (LEASE_RENEW_MS). */
  renewEveryMs?: number;
  /**
   * Takes work no job's result depends on (storing freshly computed figure records), for the
   * worker to run once no job has come for a while; without it, that work runs as soon as the
   * jobs held are recorded.
   */
  defer?: Defer;
}

/** How long the worker waits between tries to record a job's outcome in a store it cannot write to. */
export const RECORD_RETRY_MS = [250, 500, 1000, 2000] as const;

/** Jobs the worker holds at once: each lock wait then serves up to this many small exports. */
export const HELD_JOBS = 8;

/**
 * On PostgreSQL there is no store-wide write lock to wait for, and other instances' workers may be
 * idle: a worker holds one job at a time, so no job waits behind another on a busy instance, and a
 * job that kills its runner takes no other job's attempts with it.
 */
export const heldJobs = (db: Store): number => (isPostgres(db) ? 1 : HELD_JOBS);

/** How long a computed job may wait for the ones after it before the outcomes are recorded. */
export const RECORD_EVERY_MS = 250;

interface Outcome {
  job: JobRow;
  artifact: Artifact | null;
  failure: unknown;
}

/**
 * Claims waiting jobs and runs them, and the jobs that come meanwhile, until none is left; false
 * when none was waiting. While ingestion keeps the store's write lock busy, every claim or record
 * waits for a transaction to end, so the worker holds up to HELD_JOBS jobs at once, and records
 * the outcomes of those computed (at least every RECORD_EVERY_MS) with the claim of the next ones,
 * in one transaction.
 */
export async function runNext(deps: LoopDeps): Promise<boolean> {
  const most = heldJobs(deps.db);
  const held = await claimNext(deps.db, deps.owner, most);
  if (held.length === 0) return false;
  const renewal = isPostgres(deps.db) ? keepLeases(deps) : null;
  try {
    await runHeld(deps, held, most);
  } finally {
    if (renewal) clearInterval(renewal);
  }
  return true;
}

/**
 * Renews the leases of the jobs the worker holds while it runs them, so other instances know it is
 * alive. A failed renewal is only logged: the next one may pass, and if none does before the lease
 * ends, another instance takes the job and this worker's outcome is not recorded.
 */
function keepLeases(deps: LoopDeps): NodeJS.Timeout {
  return setInterval(() => {
    renewLeases(deps.db, deps.owner).catch((err: unknown) => deps.post({ type: "store_error", error: errorText(err) }));
  }, deps.renewEveryMs ?? LEASE_RENEW_MS);
}

async function runHeld(deps: LoopDeps, claimed: JobRow[], most: number): Promise<void> {
  let held = claimed;
  while (held.length > 0) {
    const done: Outcome[] = [];
    const deferred: DeferredWork = new Map();
    let first = 0;
    while (held.length > 0 && (done.length === 0 || performance.now() - first < RECORD_EVERY_MS)) {
      const job = held.shift()!;
      deps.post({ type: "started", id: job.id });
      if (deps.delayMs) await new Promise((r) => setTimeout(r, deps.delayMs));
      const outcome: Outcome = { job, artifact: null, failure: null };
      try {
        outcome.artifact = await (deps.run ?? runExport)(
          deps.db,
          deps.exportsDir,
          job,
          deps.defer ?? ((key, task) => deferred.set(key, task)),
        );
      } catch (err) {
        outcome.failure = err;
      }
      if (done.length === 0) first = performance.now();
      done.push(outcome);
    }
    held = [...held, ...(await record(deps, done, most - held.length))];
    // On a shared store the file is in the store now (or was another attempt's to write).
    if (isPostgres(deps.db))
      for (const { artifact } of done) if (artifact?.file) fs.rmSync(artifact.file, { force: true });
    await runDeferred(deferred);
  }
}

/** Deferred work by key (Defer): the latest task of each key. */
export type DeferredWork = Map<string, () => Promise<void>>;

/** Runs deferred work in order. Losing it only costs a later export its head start. */
export async function runDeferred(work: DeferredWork): Promise<void> {
  for (const [key, task] of work) {
    work.delete(key);
    await task().catch(() => {});
  }
}

/**
 * Records jobs' outcomes and claims up to `claim` more (returned), trying again until the store
 * takes them. A full disk fails the write of a file and then the record of that failure too: a
 * worker that gave up there left the job PROCESSING until its lease ran out, 10 minutes on. It
 * holds the job instead, so once space is back the job is completed, or retried on its schedule
 * (2 s, 8 s), counted from then.
 */
async function record(deps: LoopDeps, done: Outcome[], claim: number): Promise<JobRow[]> {
  const complete = deps.complete ?? completeJob;
  const fail = deps.fail ?? failAttempt;
  for (let tries = 0; ; tries++) {
    try {
      const { recorded, next } = await writeTransaction(deps.db, async (trx) => {
        const recorded: (boolean | "retry" | "failed")[] = [];
        for (const { job, artifact, failure } of done) {
          recorded.push(
            artifact
              ? await complete(trx, job.id, deps.owner, artifact)
              : await fail(trx, job, deps.owner, describe(failure)),
          );
        }
        return { recorded, next: await claimIn(trx, deps.owner, claim) };
      });
      done.forEach(({ job, artifact, failure }, i) => {
        const r = recorded[i]!;
        if (artifact) {
          if (r === true) deps.post({ type: "completed", id: job.id, rowCount: artifact.rowCount });
        } else if (r === "retry" || r === "failed") {
          deps.post({ type: "failed", id: job.id, outcome: r, error: errorText(failure), ...diskOf(failure, deps) });
        }
      });
      return next;
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
