// npm run seed [-- --reset] – fills the demo organisation into an empty store, or rebuilds it with --reset.
import { parseArgs } from "node:util";
import { DEMO_SCOPE, seedDemo } from "@/lib/demo";
import { logToStderr } from "@/lib/server";
import { getRuntime } from "@/lib/runtime";

async function main() {
  logToStderr();
  const { values } = parseArgs({ options: { reset: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    process.stdout.write(
      "Usage: npm run seed [-- --reset]\n  --reset  delete the demo project's records and exports, then generate them again\n",
    );
    return;
  }
  process.env.FOURFOLD_DEMO = "off"; // the runtime must not seed on its own before --reset clears
  const { db, engine } = await getRuntime({ jobs: false });
  const t0 = Date.now();
  const n = await seedDemo(db, { reset: Boolean(values.reset), exportsDir: engine.exportsDir });
  const where = `org ${DEMO_SCOPE.org}, project ${DEMO_SCOPE.project}`;
  process.stdout.write(
    n > 0
      ? `Seeded ${n} demo records (${where}) in ${((Date.now() - t0) / 1000).toFixed(1)} s.\n`
      : `The demo project (${where}) already has data; use --reset to rebuild it.\n`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
