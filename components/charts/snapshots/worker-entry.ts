// The chart worker: draws snapshots one at a time (they share one document) off the server's
// request thread.
import { parentPort } from "node:worker_threads";
import { drawSnapshot, prepare } from "./draw";
import type { SnapshotReply, SnapshotRequest } from "./protocol";

let queue: Promise<void> = Promise.resolve();

parentPort?.on("message", (req: SnapshotRequest) => {
  queue = queue.then(() => answer(req));
});

// The DOM and recharts load while the server is still working out what to ask for; a failure
// shows up again in the first drawing.
prepare().catch(() => {});

async function answer(req: SnapshotRequest): Promise<void> {
  let reply: SnapshotReply;
  try {
    reply = { id: req.id, svg: await drawSnapshot(req.kind, req.series, req.benchmark, req.width) };
  } catch (err) {
    reply = { id: req.id, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  parentPort?.postMessage(reply);
}
