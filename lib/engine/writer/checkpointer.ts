// The store writer's checkpointer (SQLite): a thread with a connection of its own that copies the
// WAL into the database file while the writer goes on writing. A checkpoint made by a commit holds
// that commit until its pages are copied and synced to disk: a tenth of a bulk ingestion's time,
// measured in process. Here the writer only says that it wrote; the checkpointer copies at most
// every CHECKPOINT_EVERY_MS, and once more after the last write. Should it fail, the writer's own
// checkpoints (WRITER_CHECKPOINT_PAGES) still keep the WAL from growing without end.
import { parentPort, Worker } from "node:worker_threads";
import { checkpointWal, openStore, type Store } from "@/lib/store";
import { lowerThreadPriority, WRITER_NICE } from "../thread-priority";
import { CHECKPOINT_EVERY_MS } from "./protocol";

/** The checkpointer thread's loop (the writer's bundle started again with `role: "checkpointer"`). */
export function checkpointerThread(dbFile: string): void {
  lowerThreadPriority(WRITER_NICE);
  let db: Promise<Store> | null = null;
  let due: NodeJS.Timeout | null = null;
  let running = false;
  let wroteMeanwhile = false;
  const schedule = () => {
    due ??= setTimeout(() => void checkpoint(), CHECKPOINT_EVERY_MS);
  };
  const checkpoint = async () => {
    due = null;
    running = true;
    try {
      db ??= openStore(dbFile, { migrate: false });
      await checkpointWal(await db);
    } catch (err) {
      process.stderr.write(`store checkpointer: ${err instanceof Error ? err.message : String(err)}\n`);
    } finally {
      running = false;
      // Writes told while it ran time the next one.
      if (wroteMeanwhile) schedule();
      wroteMeanwhile = false;
    }
  };
  parentPort!.on("message", () => {
    if (running) wroteMeanwhile = true;
    else schedule();
  });
}

/** The writer's side: starts the checkpointer thread and tells it of each write. */
export class Checkpointer {
  private worker: Worker | null;

  constructor(file: string, dbFile: string) {
    const worker = new Worker(file, { workerData: { role: "checkpointer", dbFile } });
    worker.unref();
    const gone = () => {
      this.worker = null;
    };
    worker.on("error", gone);
    worker.on("exit", gone);
    this.worker = worker;
  }

  /** The writer committed a write. */
  wrote(): void {
    this.worker?.postMessage(0);
  }
}
