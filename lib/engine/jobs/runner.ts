import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { isPostgres, type Store } from "@/lib/store";
import { log } from "@/lib/server";
import { recoverOrphans } from "./repo";
import type { WorkerMessage } from "./worker-loop";

export interface JobRunner {
  /** Tells the worker a job is waiting, so it need not wait for its next look. */
  notify(): void;
  stop(): Promise<void>;
}

/** The bundled worker (scripts/build-worker.mjs); FOURFOLD_WORKER_FILE overrides it. */
export function workerFile(): string {
  return (
    process.env.FOURFOLD_WORKER_FILE ?? path.join(/*turbopackIgnore: true*/ process.cwd(), "dist", "export-worker.mjs")
  );
}

/**
 * Starts the export worker thread and keeps it running: a worker that dies is replaced, and the
 * job it held is retried (or FAILED after its last attempt). Jobs left PROCESSING by a previous
 * process are taken up again at start (SQLite), or when their lease ends (PostgreSQL).
 */
export async function startJobRunner(opts: {
  db: Store;
  dbFile: string;
  exportsDir: string;
  idleMs?: number;
}): Promise<JobRunner> {
  const file = workerFile();
  if (!fs.existsSync(/*turbopackIgnore: true*/ file))
    throw new Error(`export worker not built: ${file} (run \`npm run build\`)`);
  const boot = crypto.randomBytes(6).toString("hex");
  let generation = 0;
  let current: { worker: Worker; owner: string } | null = null;
  let stopping = false;

  // On SQLite this process is the store's only runner: every job another owner left PROCESSING was
  // a previous process's. On PostgreSQL it may be another live instance's; a dead one's lease ends.
  if (!isPostgres(opts.db)) await recoverOrphans(opts.db, (owner) => !owner.startsWith(`${boot}-`));
  removePartialFiles(opts.exportsDir);

  const spawn = () => {
    const owner = `${boot}-${++generation}`;
    const worker = new Worker(/*turbopackIgnore: true*/ file, {
      workerData: { dbFile: opts.dbFile, exportsDir: opts.exportsDir, owner, idleMs: opts.idleMs },
    });
    worker.on("message", (msg: WorkerMessage) => {
      if (msg.type === "failed")
        log.warn("export.attempt_failed", { exportId: msg.id, outcome: msg.outcome, error: msg.error });
      else if (msg.type === "crashed") log.error("export.worker_crashed", { error: msg.error });
      else if (msg.type === "completed") log.info("export.completed", { exportId: msg.id });
      else if (msg.type === "store_error") log.warn("export.worker_store_error", { error: msg.error });
      if ((msg.type === "failed" || msg.type === "store_error") && msg.disk) {
        log.error("export.disk_full", {
          dir: msg.disk,
          error: msg.error,
          hint: "free space on the disk holding this folder",
        });
      }
    });
    worker.on("error", (err) => log.error("export.worker_error", { error: err.message }));
    worker.on("exit", (code) => {
      if (stopping) return;
      log.warn("export.worker_exited", { code });
      // A replacement is started even when the store is too busy to release the dead worker's job
      // now: its lease runs out and the new worker takes it over.
      void recoverOrphans(opts.db, (o) => o === owner)
        .catch((err: unknown) =>
          log.error("export.recover_failed", { error: err instanceof Error ? err.message : String(err) }),
        )
        .finally(() => {
          if (!stopping) setTimeout(spawn, 500);
        });
    });
    current = { worker, owner };
  };
  spawn();

  return {
    notify: () => current?.worker.postMessage("wake"),
    stop: async () => {
      stopping = true;
      await current?.worker.terminate();
    },
  };
}

/** Files a killed worker was writing; no worker runs yet, so none of them will be finished. */
function removePartialFiles(dir: string) {
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) return;
  for (const name of fs.readdirSync(/*turbopackIgnore: true*/ dir)) {
    if (name.endsWith(".partial")) fs.rmSync(path.join(/*turbopackIgnore: true*/ dir, name), { force: true });
  }
}
