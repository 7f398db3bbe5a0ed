// The export worker: a thread with its own store connection that claims queued jobs, computes
// them and writes their files, so the server's request thread never waits on an export.
import { parentPort, workerData } from "node:worker_threads";
import fs from "node:fs";
import path from "node:path";
import { openStore, type Store } from "@/lib/store";
import { EXPORT_WORKER_NICE, lowerThreadPriority } from "../thread-priority";
import { expiredArtifacts, forgetArtifact } from "./repo";
import { diskOf, errorText, runDeferred, runNext, type DeferredWork, type WorkerMessage } from "./worker-loop";

export interface WorkerConfig {
  dbFile: string;
  exportsDir: string;
  owner: string;
  idleMs?: number;
}

const config = workerData as WorkerConfig;
const DELAY_MS = Number(process.env.FOURFOLD_EXPORT_DELAY_MS ?? 0);
/**
 * How long no job must have come before deferred work runs. The exports that follow one are
 * mostly a manager's next view, seconds later: they are served from the records kept in memory,
 * and do not wait for those records to be stored.
 */
const QUIET_MS = 2000;
let wake: (() => void) | null = null;
parentPort?.on("message", (msg: unknown) => {
  if (msg === "wake") wake?.();
});

const post = (msg: WorkerMessage) => parentPort?.postMessage(msg);

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

async function sweep(db: Store) {
  for (const { id, artifact } of await expiredArtifacts(db)) {
    fs.rmSync(path.join(config.exportsDir, artifact), { force: true });
    await forgetArtifact(db, id);
  }
}

async function main() {
  lowerThreadPriority(EXPORT_WORKER_NICE);
  const db = await openStore(config.dbFile, { migrate: false, busyTimeoutMs: 30_000 });
  const storeDir = path.dirname(config.dbFile);
  const deferred: DeferredWork = new Map();
  const defer = (key: string, task: () => Promise<void>) => deferred.set(key, task);
  const deps = {
    db,
    storeDir,
    exportsDir: config.exportsDir,
    owner: config.owner,
    post,
    idle,
    delayMs: DELAY_MS,
    defer,
  };
  let lastSweep = 0;
  let lastJob = 0;
  let backoff = 0;
  for (;;) {
    if (Date.now() - lastSweep > 60_000) {
      lastSweep = Date.now();
      await sweep(db).catch(() => {});
    }
    try {
      const ran = await runNext(deps);
      backoff = 0;
      const quietFor = performance.now() - lastJob;
      if (ran) lastJob = performance.now();
      else if (deferred.size > 0 && quietFor >= QUIET_MS) await runDeferred(deferred);
      else await idle(Math.min(config.idleMs ?? 1000, deferred.size > 0 ? QUIET_MS - quietFor : Infinity));
    } catch (err) {
      // The store was busy for longer than its timeout (heavy ingestion), or briefly unwritable
      // (a full disk) while no job was held: the worker carries on.
      backoff = Math.min(10_000, Math.max(1000, backoff * 2));
      post({ type: "store_error", error: errorText(err), ...diskOf(err, deps) });
      await idle(backoff);
    }
  }
}

main().catch((err: unknown) => {
  post({ type: "crashed", error: errorText(err) });
  process.exit(1);
});
