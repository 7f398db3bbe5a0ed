// npm run relink – recomputes every link the store keeps for exports (migration 006). Needed only
// after something renumbered row ids, such as a VACUUM of the store run by hand.
import { relinkAll } from "@/lib/store/record-links";
import { logToStderr } from "@/lib/server/log";
import { getRuntime } from "@/lib/server/runtime";

async function main() {
  logToStderr();
  process.env.FOURFOLD_DEMO = "off";
  const { db } = await getRuntime({ jobs: false });
  const t0 = Date.now();
  await relinkAll(db);
  process.stdout.write(`Links recomputed in ${((Date.now() - t0) / 1000).toFixed(1)} s.\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
