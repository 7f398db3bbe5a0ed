// Runs once when the server starts: validate the environment, open the store, create the first
// admin on a fresh install, so that what a newcomer needs is printed at start, not on first request;
// and start the worker that draws the charts' first frames, so the first view opened is not its cold start.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getRuntime } = await import("@/lib/runtime");
  await getRuntime();
  const { warmFrames } = await import("@/components/charts/frames");
  warmFrames();
}
