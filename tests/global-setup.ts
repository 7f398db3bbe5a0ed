// Builds the export worker once per vitest run: request-level tests start the engine's job runner,
// which runs dist/export-worker.mjs in a thread.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL("../scripts/build-worker.mjs", import.meta.url))], {
    stdio: "inherit",
  });
}
