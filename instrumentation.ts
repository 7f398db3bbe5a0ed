// Runs once when the server starts: validate the environment, open the store, create the first
// admin on a fresh install, so that what a newcomer needs is printed at start, not on first request;
// and start the engine's store writer and the worker that draws the charts' snapshots, so the
// first batch and the first view opened are not their cold starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  exitSoonAfterSignals();
  const { getRuntime } = await import("@/lib/runtime");
  const { writerOf } = await import("@/lib/engine");
  writerOf((await getRuntime()).engine).warm();
  const { warmSnapshots } = await import("@/components/charts/snapshots");
  warmSnapshots();
}

/**
 * On SIGTERM or SIGINT Next.js stops listening and lets open requests finish before it exits; a client
 * that stalls halfway through a body would hold it open for good, so 6 s after the signal
 * the process exits whatever is left. A process manager expects a server to be gone within 10 s.
 */
function exitSoonAfterSignals() {
  if (process.env.NEXT_MANUAL_SIG_HANDLE) return;
  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const) {
    process.once(signal, () => setTimeout(() => process.exit(code), 6000).unref());
  }
}
