// Bundles the worker threads into dist/: the export worker (lib/engine/jobs/worker-entry.ts →
// export-worker.mjs), the store writer (lib/engine/writer/writer-entry.ts → store-writer.mjs), the
// sources' thread (lib/sources/thread/entry.ts → sources-mapper.mjs) and the chart worker
// (components/charts/snapshots/worker-entry.ts → chart-worker.mjs).
// Next.js bundles the server, but a worker thread needs a file of its own to start from.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// What both workers share: one ESM file each for Node 20, with their packages left in node_modules.
const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  tsconfig: path.join(root, "tsconfig.json"),
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning",
};

// `server-only` guards the Next.js bundles; the engine's threads are server code by construction.
const serverOnly = {
  name: "server-only",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({
      path: path.join(root, "lib/server/testing/server-only-stub.ts"),
    }));
  },
};

await build({
  ...common,
  entryPoints: [path.join(root, "lib/engine/jobs/worker-entry.ts")],
  outfile: path.join(root, "dist/export-worker.mjs"),
  plugins: [serverOnly],
});

// The store writer (lib/engine/writer/writer-entry.ts): every write of the engine's API.
await build({
  ...common,
  entryPoints: [path.join(root, "lib/engine/writer/writer-entry.ts")],
  outfile: path.join(root, "dist/store-writer.mjs"),
  plugins: [serverOnly],
});

// The chart worker (components/charts/snapshots/worker-entry.ts) draws the trend charts' snapshots
// with recharts in a happy-dom document; both stay in node_modules, loaded at run time.
await build({
  ...common,
  entryPoints: [path.join(root, "components/charts/snapshots/worker-entry.ts")],
  outfile: path.join(root, "dist/chart-worker.mjs"),
  jsx: "automatic",
});

// The sources' thread (lib/sources/thread/entry.ts): appends webhook deliveries and maps the event log.
await build({
  ...common,
  entryPoints: [path.join(root, "lib/sources/thread/entry.ts")],
  outfile: path.join(root, "dist/sources-mapper.mjs"),
  plugins: [serverOnly],
});
