// The map of the house, checked by `npm test` (dependency-cruiser). The README's Layout section
// says the same thing in prose; change both together.
//
//   app/ → components/ → lib/            never back
//   lib's parts, each importing only parts listed before it:
const LAYERS = [
  ["dora"], //             the pure domain: metric definitions, periods, ratings, linking, CSV
  ["contract"], //         the dashboard API's wire types and the public config (types and schemas)
  ["server"], //           leaves: errors, logs, body reading, env, secrets, headers, rate limits
  ["store"], //            the store (SQLite or PostgreSQL) and its migrations
  ["auth", "engine"], //   accounts, SSO identities and sessions; the embedded engine
  ["demo"], //             the demo organisation: seeds a fresh store through the engine's ingestion
  ["sources"], //          GitHub, git and later sources: event log, mapping, replay, importers, into the engine
  ["access"], //           who may see which team or org tree
  ["sei"], //              the one SEI client (Harness over HTTP, or the engine in process)
  ["dashboard"], //        the dashboard API's service: exports made through the dashboard, their access, the views
  ["runtime"], //          the composition root: wires all of the above; only app/, instrumentation and CLIs use it
];
// lib/browser runs in the browser: it may use the pure parts only.
const BROWSER_MAY_USE = ["dora", "contract"];

const fs = require("node:fs");
const path = require("node:path");

const parts = LAYERS.flat();
const rank = Object.fromEntries(LAYERS.flatMap((layer, i) => layer.map((p) => [p, i])));
const TESTS = "(\\.test\\.tsx?$|^tests/|^e2e/|/testing/)";

// Exceptions to the layers, each a face one part may use although it shares the part's layer.
const layerRules = parts.map((part) => {
  const above = parts.filter((p) => rank[p] >= rank[part] && p !== part);
  return {
    name: `layer-${part}`,
    comment: `lib/${part} may use only the parts below it: ${parts.filter((p) => rank[p] < rank[part]).join(", ") || "none"}`,
    severity: "error",
    from: { path: `^lib/${part}/`, pathNot: TESTS },
    to: { path: `^lib/(${[...above, "browser"].join("|")})/` },
  };
});

/** Files whose first statement is "use client", and files that import "server-only". */
function scan(dirs, test) {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && test(fs.readFileSync(full, "utf8")))
        out.push(full);
    }
  };
  for (const d of dirs) if (fs.existsSync(d)) walk(d);
  return out.map((f) => `^${f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}
const clientFiles = scan(["app", "components", "lib"], (src) => /^\s*["']use client["']/.test(src));
const serverOnlyFiles = scan(["app", "components", "lib"], (src) => /^import\s+["']server-only["']/m.test(src));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No module depends on itself through others.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "lib-not-upward",
      comment: "lib/ never imports components/ or app/.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(components|app)/" },
    },
    {
      name: "components-not-upward",
      comment: "components/ never imports app/.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    ...layerRules,
    {
      name: "browser-pure-only",
      comment: `lib/browser may use only ${BROWSER_MAY_USE.join(", ")}.`,
      severity: "error",
      from: { path: "^lib/browser/", pathNot: TESTS },
      to: { path: `^lib/(?!(browser|${BROWSER_MAY_USE.join("|")})/)[^/]+/` },
    },
    {
      name: "runtime-only-from-the-top",
      comment: "The composition root is used by app/, instrumentation.ts and the CLIs only.",
      severity: "error",
      from: { path: "^(lib|components)/", pathNot: `^lib/runtime/|${TESTS}` },
      to: { path: "^lib/runtime/" },
    },
    {
      name: "no-deep-import",
      comment: "Another part is used through its face (lib/<part>/index.ts), never a file inside it.",
      severity: "error",
      from: { path: "^lib/([^/]+)/", pathNot: TESTS },
      to: { path: "^lib/[^/]+/.+", pathNot: ["^lib/$1/", "^lib/[^/]+/index\\.tsx?$"] },
    },
    {
      name: "no-deep-import-from-outside",
      comment: "app/, components/, scripts and the root files use lib's parts through their faces.",
      severity: "error",
      from: { path: "^(app|components|scripts)/|^[^/]+\\.ts$", pathNot: TESTS },
      to: { path: "^lib/[^/]+/.+", pathNot: "^lib/[^/]+/index\\.tsx?$" },
    },
    {
      name: "no-server-in-client",
      comment: "A client component never reaches a server-only module.",
      severity: "error",
      from: { path: clientFiles.length ? clientFiles : ["^$"] },
      to: { path: serverOnlyFiles.length ? serverOnlyFiles : ["^$"], reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next|dist|\\.tmp)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
