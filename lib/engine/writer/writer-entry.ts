// The store writer: a thread with its own store connection that runs every write of the engine's
// API (ingestion batches, deletions, export creations), one at a time. Small operations go before
// waiting batches, so an export create waits for at most the batch being written.
import { parentPort, workerData } from "node:worker_threads";
import { openStore } from "@/lib/store";
import { lowerThreadPriority, WRITER_NICE } from "../thread-priority";
import { runOp } from "./ops";
import type { Reply, Request } from "./protocol";

const { dbFile } = workerData as { dbFile: string };

async function main() {
  lowerThreadPriority(WRITER_NICE);
  const db = await openStore(dbFile, { migrate: false, busyTimeoutMs: 30_000 });
  const small: Request[] = [];
  const batches: Request[] = [];
  let running = false;

  const drain = async () => {
    running = true;
    for (let next = small.shift() ?? batches.shift(); next; next = small.shift() ?? batches.shift()) {
      const t0 = performance.now();
      const outcome = await runOp(db, next.op);
      parentPort!.postMessage({ id: next.id, outcome, ms: performance.now() - t0 } satisfies Reply);
      // Let the messages that came during the operation in, so a small one goes before the next batch.
      await new Promise((resolve) => setImmediate(resolve));
    }
    running = false;
  };

  parentPort!.on("message", (req: Request) => {
    (req.op.op === "ingest" ? batches : small).push(req);
    if (!running) void drain();
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`store writer: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
