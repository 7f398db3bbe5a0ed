// Bundles the export worker thread (lib/engine/jobs/worker-entry.ts) into dist/export-worker.mjs.
// Next.js bundles the server, but a worker thread needs a file of its own to start from.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

await build({
  entryPoints: [path.join(root, "lib/engine/jobs/worker-entry.ts")],
  outfile: path.join(root, "dist/export-worker.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  tsconfig: path.join(root, "tsconfig.json"),
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  plugins: [
    {
      // `server-only` guards the Next.js bundles; this file is server code by construction.
      name: "server-only",
      setup(b) {
        b.onResolve({ filter: /^server-only$/ }, () => ({ path: path.join(root, "lib/server/testing/server-only-stub.ts") }));
      },
    },
  ],
  logLevel: "warning",
});
