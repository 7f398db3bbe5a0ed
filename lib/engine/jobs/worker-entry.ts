// The export worker: a thread with its own store connection that claims queued jobs, computes
// them and writes their files, so the server's request thread never waits on an export.
import { parentPort, workerData } from "node:worker_threads";
import fs from "node:fs";
import path from "node:path";
import { openStore } from "@/lib/store";
import { ScopeNotFoundError } from "@/lib/dora";
import { claimNext, completeJob, expiredArtifacts, failAttempt, forgetArtifact } from "./repo";
import { runExport } from "./run-export";

export interface WorkerConfig {
  dbFile: string;
  exportsDir: string;
  owner: string;
  idleMs?: number;
}

const config = workerData as WorkerConfig;
const DELAY_MS = Number(process.env.FOURFOLD_EXPORT_DELAY_MS ?? 0);
let wake: (() => void) | null = null;
parentPort?.on("message", (msg: unknown) => {
  if (msg === "wake") wake?.();
});

function idle(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      wake = null;
      resolve();
    }
    wake = done;
  });
}

function describe(err: unknown): { code: string; message: string } {
  if (err instanceof ScopeNotFoundError) return { code: "INVALID_EXPORT", message: err.message };
  if (err instanceof RangeError) return { code: "INVALID_EXPORT", message: err.message };
  return { code: "EXPORT_FAILED", message: "The export could not be computed." };
}

async function sweep(db: Awaited<ReturnType<typeof openStore>>) {
  for (const { id, artifact } of await expiredArtifacts(db)) {
    fs.rmSync(path.join(config.exportsDir, artifact), { force: true });
    await forgetArtifact(db, id);
  }
}

/** Claims and runs one job; false when none was waiting. */
async function runNext(db: Awaited<ReturnType<typeof openStore>>): Promise<boolean> {
  const job = await claimNext(db, config.owner);
  if (!job) return false;
  parentPort?.postMessage({ type: "started", id: job.id });
  // Holds each job in PROCESSING for a while: the crash-recovery test needs time to kill the server.
  if (DELAY_MS > 0) await new Promise((r) => setTimeout(r, DELAY_MS));
  const deferred: (() => Promise<void>)[] = [];
  try {
    const artifact = await runExport(db, config.exportsDir, job, (task) => deferred.push(task));
    await completeJob(db, job.id, config.owner, artifact);
    parentPort?.postMessage({ type: "completed", id: job.id, rowCount: artifact.rowCount });
  } catch (err) {
    const reason = describe(err);
    const outcome = await failAttempt(db, job, config.owner, reason);
    parentPort?.postMessage({ type: "failed", id: job.id, outcome, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
  // Losing this work only costs the next export its head start.
  for (const task of deferred) await task().catch(() => {});
  return true;
}

async function main() {
  const db = await openStore(config.dbFile, { migrate: false, busyTimeoutMs: 30_000 });
  let lastSweep = 0;
  let backoff = 0;
  for (;;) {
    if (Date.now() - lastSweep > 60_000) {
      lastSweep = Date.now();
      await sweep(db).catch(() => {});
    }
    try {
      const ran = await runNext(db);
      backoff = 0;
      if (!ran) await idle(config.idleMs ?? 1000);
    } catch (err) {
      // The store was busy for longer than its timeout (heavy ingestion), or briefly unwritable: a
      // job it could not mark stays leased and is taken up again; the worker carries on.
      backoff = Math.min(10_000, Math.max(1000, backoff * 2));
      parentPort?.postMessage({ type: "store_error", error: err instanceof Error ? err.message : String(err) });
      await idle(backoff);
    }
  }
}

main().catch((err: unknown) => {
  parentPort?.postMessage({ type: "crashed", error: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
