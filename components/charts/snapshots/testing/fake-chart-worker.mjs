// A stand-in for dist/chart-worker.mjs in tests of the snapshots' cache and worker handling. The
// request's benchmark says what to do: "ok", "slow:<ms>", "error" (cannot draw), "exit" (dies);
// FAKE_DRAW_MS slows every drawing down.
import { parentPort, threadId } from "node:worker_threads";

let drawn = 0;

parentPort.on("message", async (req) => {
  const [what, arg] = req.benchmark.split(":");
  if (what === "exit") process.exit(3);
  const ms = what === "slow" ? Number(arg) : Number(process.env.FAKE_DRAW_MS ?? 0);
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  if (what === "error") return parentPort.postMessage({ id: req.id, error: "Error: cannot draw" });
  parentPort.postMessage({ id: req.id, svg: `<svg>${req.kind} #${++drawn} of thread ${threadId}</svg>` });
});
