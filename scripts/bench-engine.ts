// npm run bench:engine [-- --scale 0.1] – the engine end to end over HTTP on a production build:
// ingestion rate, org-tree and one-team export times, poll latency during an export, the records
// behind the figures and the data's coverage for the root team, peak memory, and a bare SQLite
// (or PostgreSQL, with --store postgres) aggregation over the same rows as the floor. With --mixed: ingestion, polls,
// new connections and small exports all at once (bench-engine/mixed.ts). See docs/benchmarks.md.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchOrg } from "./bench-engine/bench-org";
import type { Client } from "./bench-engine/client";
import { waitReady } from "./bench-engine/client";
import { runExport, type ExportRun, type ExportSpec } from "./bench-engine/exports";
import { coverageRun, recordsRun, type RecordsRun } from "./bench-engine/records";
import { ingestAll } from "./bench-engine/ingest";
import { mixed } from "./bench-engine/mixed";
import { DIST_DIR, ensureBuild, freePort, serverMemory, startServer, type Server } from "./bench-engine/server";
import { postgresFloor } from "./bench-engine/postgres-floor";
import { sqliteFloor, type Floor } from "./bench-engine/sqlite-floor";
import { startTestPostgres, type TestPostgres } from "./pg-test-server";
import pg from "pg";
import { fmt, median, percentile } from "./bench-engine/stats";

const TARGETS = { ingestPerSec: 20_000, orgExportMs: 5_000, pollP99Ms: 100, recordsP95Ms: 150, coverageMs: 1_000 };
const ORG = "bench";
const PROJECT = "bench";
const SQUAD = "bench-g01-s001";
const ROOT_TEAM = "bench";
const RECORD_METRICS = ["lttc", "df", "cfr", "mttr", "fdrt", "rework"];
const RECORD_CALLS = 20;
const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney"];
const DAY = 86_400_000;

const USAGE = `Usage: npm run bench:engine [-- options]
  --scale <x>        size of the benchmark organisation (1 = ~1M PRs; 0.1 for a quick run)  [1]
  --skip-build       use the build in ${DIST_DIR} as it is
  --in-flight <n>    ingestion requests in flight                                             [3]
  --runs <n>         runs of each export, each a fresh job (another time zone)               [3]
  --range-days <n>   days in each export's date range, ending the day before the data ends [1096]
  --end <date>       the data's exclusive end (yyyy-mm-dd, UTC)                       [2026-06-01]
  --keep-data        keep the temporary data dir
  --mixed            instead: writers, pollers, new connections and small exports at once
  --duration <s>     with --mixed: how long the load runs                                     [60]
  --load-scale <x>   with --mixed: the scale of the organisation the writers send           [0.25]
  --dist-dir <dir>   serve another build (e.g. of older code, to compare)    [${DIST_DIR}]
  --store <s>        sqlite, or postgres: the store on PostgreSQL                        [sqlite]
  --database-url <u> with --store postgres: an empty database to use; unset, a server of
                     its own is started (Debian's postgresql, durable settings) and removed
  With --mixed, --scale is that of the data the exports read, ingested first                 [0.1]
`;

const out = (line = "") => process.stdout.write(`${line}\n`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function machine(): string {
  const cpu = /model name\s*:\s*(.+)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "unknown";
  return `${os.cpus().length} cores (${cpu}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, node ${process.version}`;
}

async function exportsOf(c: Client, label: string, specs: ExportSpec[]): Promise<ExportRun[]> {
  const runs: ExportRun[] = [];
  for (const spec of specs) {
    const run = await runExport(c, spec, 10 * 60_000);
    runs.push(run);
    out(
      `  ${label} ${spec.timezone.padEnd(18)} ${fmt(run.ms).padStart(7)} ms  (server ${fmt(run.serverMs)} ms, queued ${fmt(run.queuedMs)} ms, ${fmt(run.rowCount)} rows, ${fmt(run.sizeBytes / 1024)} KiB gz)`,
    );
  }
  return runs;
}

async function bench(
  server: Server,
  c: Client,
  opts: {
    scale: number;
    inFlight: number;
    runs: number;
    rangeDays: number;
    end: Date;
    dataDir: string;
    databaseUrl?: string;
  },
) {
  await waitReady(c, 180_000, () => server.child.exitCode === null);
  out(`machine: ${machine()}`);
  out(`server:  ${c.base} (pid ${server.child.pid}), data ${opts.dataDir}`);
  out(`store:   ${opts.databaseUrl ? "PostgreSQL" : "SQLite"}`);
  out(
    `data:    benchOrg(end ${isoDay(opts.end.getTime())}, scale ${opts.scale}), ${opts.inFlight} requests in flight\n`,
  );

  out("ingestion (records/s)");
  const org = benchOrg(opts.end, opts.scale);
  const rates = await ingestAll(c, org, opts.inFlight, (r) =>
    out(
      `  ${r.kind.padEnd(14)} ${fmt(r.records).padStart(10)} records ${fmt(r.ms / 1000, 1).padStart(7)} s ${fmt((r.records / r.ms) * 1000).padStart(9)} /s`,
    ),
  );
  const records = rates.reduce((s, r) => s + r.records, 0);
  const ingestMs = rates.reduce((s, r) => s + r.ms, 0);
  const overall = (records / ingestMs) * 1000;
  out(
    `  ${"overall".padEnd(14)} ${fmt(records).padStart(10)} records ${fmt(ingestMs / 1000, 1).padStart(7)} s ${fmt(overall).padStart(9)} /s\n`,
  );
  // The batches made for the ingestion are garbage now (a gigabyte at scale 1): collected here, with
  // --expose-gc, so that the client's own pause is not counted into a poll's time below.
  (globalThis as { gc?: () => void }).gc?.();

  const endDay = opts.end.getTime() - DAY;
  const range = { start: isoDay(endDay - (opts.rangeDays - 1) * DAY), end: isoDay(endDay) };
  const zones = ZONES.slice(0, opts.runs);
  out(`exports (WEEKLY, every group, median, gzip; ${range.start}..${range.end}; one fresh job per time zone)`);
  const tree = await exportsOf(
    c,
    "org tree",
    zones.map((timezone) => ({
      scope: { orgTreeName: "Bench", orgIdentifier: ORG, projectIdentifier: PROJECT },
      ...range,
      timezone,
    })),
  );
  const team = await exportsOf(
    c,
    "one team",
    zones.map((timezone) => ({ scope: { teamId: SQUAD }, ...range, timezone })),
  );
  const polls = tree.flatMap((r) => r.pollMs);
  const treeMs = median(tree.map((r) => r.ms));
  const teamMs = median(team.map((r) => r.ms));
  out(`  org tree: median ${fmt(treeMs)} ms; one team (${SQUAD}): median ${fmt(teamMs)} ms`);
  out(
    `  polls during the org-tree exports: ${polls.length}, p50 ${fmt(percentile(polls, 0.5), 1)} ms, p99 ${fmt(percentile(polls, 0.99), 1)} ms, max ${fmt(Math.max(...polls), 1)} ms\n`,
  );

  out(`records behind the figures (${ROOT_TEAM}, the root team, ${range.start}..${range.end})`);
  const cov = await coverageRun(c, { teamId: ROOT_TEAM, ...range });
  out(
    `  coverage: first ${fmt(cov.firstMs)} ms (derives the deployment facts of the data as it is now), again ${fmt(cov.againMs)} ms`,
  );
  out(`  ${JSON.stringify(cov.body)}`);
  const runs: RecordsRun[] = [];
  for (const metric of RECORD_METRICS) {
    const run = await recordsRun(c, { teamId: ROOT_TEAM, metric, ...range }, RECORD_CALLS);
    runs.push(run);
    const deepest = Math.max(...run.depths);
    out(
      `  ${metric.padEnd(7)} ${fmt(run.total).padStart(9)} records; ${run.pageMs.length} pages of 100 from cursors down to ${fmt(100 * deepest)}% deep: p50 ${fmt(percentile(run.pageMs, 0.5), 1)} ms, p95 ${fmt(percentile(run.pageMs, 0.95), 1)} ms, max ${fmt(Math.max(...run.pageMs), 1)} ms (walked in ${run.walkPages} pages of 1,000, ${fmt(run.walkMs / run.walkPages, 1)} ms each)`,
    );
  }
  const pages = runs.flatMap((r) => r.pageMs);
  const recordsP95 = Math.max(...runs.map((r) => percentile(r.pageMs, 0.95)));
  out(
    `  all metrics: ${pages.length} pages, p95 ${fmt(percentile(pages, 0.95), 1)} ms; worst metric's p95 ${fmt(recordsP95, 1)} ms\n`,
  );

  const mem = serverMemory(server);
  if (mem)
    out(
      `memory: server pid ${mem.pid} VmHWM ${fmt(mem.hwm)} MiB, VmRSS now ${fmt(mem.rss)} MiB (${mem.threads} threads; the export worker is a thread of this process)\n`,
    );

  let floor: Floor;
  if (opts.databaseUrl) {
    const pgFloor = await postgresFloor(opts.databaseUrl, ORG, PROJECT);
    floor = pgFloor;
    out(
      `floor: bare PostgreSQL median lead time per team and month over ${fmt(floor.prs)} merged PRs (${fmt(floor.groups)} groups): ${fmt(floor.ms)} ms` +
        ` (window functions ${fmt(pgFloor.windowsMs)} ms, percentile_cont ${fmt(pgFloor.percentileMs)} ms)`,
    );
  } else {
    floor = sqliteFloor(path.join(opts.dataDir, "fourfold.db"), ORG, PROJECT);
    out(
      `floor: bare SQLite median lead time per team and month over ${fmt(floor.prs)} merged PRs (${fmt(floor.groups)} groups): ${fmt(floor.ms)} ms`,
    );
  }
  out(`       org-tree export / floor = ${fmt(treeMs / floor.ms, 2)}\n`);

  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  out("targets");
  out(
    `  ingestion >= ${fmt(TARGETS.ingestPerSec)} records/s: ${fmt(overall)} – ${verdict(overall >= TARGETS.ingestPerSec)}`,
  );
  out(`  org-tree export < ${fmt(TARGETS.orgExportMs)} ms: ${fmt(treeMs)} – ${verdict(treeMs < TARGETS.orgExportMs)}`);
  out(
    `  poll p99 < ${TARGETS.pollP99Ms} ms: ${fmt(percentile(polls, 0.99), 1)} – ${verdict(percentile(polls, 0.99) < TARGETS.pollP99Ms)}`,
  );
  out(
    `  records page p95 < ${TARGETS.recordsP95Ms} ms (root team, 3 years, every metric): ${fmt(recordsP95, 1)} – ${verdict(recordsP95 < TARGETS.recordsP95Ms)}`,
  );
  out(
    `  coverage < ${fmt(TARGETS.coverageMs)} ms (root team, 3 years): ${fmt(cov.againMs)} – ${verdict(cov.againMs < TARGETS.coverageMs)}; first call, deriving the facts: ${fmt(cov.firstMs)}`,
  );
}

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: "string" },
      "skip-build": { type: "boolean" },
      "in-flight": { type: "string", default: "3" },
      runs: { type: "string", default: "3" },
      "range-days": { type: "string", default: "1096" },
      end: { type: "string", default: "2026-06-01" },
      "keep-data": { type: "boolean" },
      mixed: { type: "boolean" },
      duration: { type: "string", default: "60" },
      "load-scale": { type: "string", default: "0.25" },
      "dist-dir": { type: "string" },
      store: { type: "string", default: "sqlite" },
      "database-url": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return out(USAGE);
  const scale = Number(values.scale ?? (values.mixed ? "0.1" : "1"));
  const durationS = Number(values.duration);
  const loadScale = Number(values["load-scale"]);
  const inFlight = Number(values["in-flight"]);
  const runs = Number(values.runs);
  const rangeDays = Number(values["range-days"]);
  const end = new Date(`${values.end}T00:00:00Z`);
  if (!(scale > 0 && scale <= 2)) throw new Error("--scale must be in (0, 2]");
  if (!(Number.isInteger(inFlight) && inFlight >= 1 && inFlight <= 16)) throw new Error("--in-flight must be 1..16");
  if (!(Number.isInteger(runs) && runs >= 1 && runs <= ZONES.length))
    throw new Error(`--runs must be 1..${ZONES.length}`);
  if (!(Number.isInteger(rangeDays) && rangeDays >= 1 && rangeDays <= 1096))
    throw new Error("--range-days must be 1..1096");
  if (Number.isNaN(end.getTime())) throw new Error("--end must be a yyyy-mm-dd date");
  if (!(Number.isInteger(durationS) && durationS >= 5 && durationS <= 3600))
    throw new Error("--duration must be 5..3600 seconds");
  if (!(loadScale > 0 && loadScale <= 2)) throw new Error("--load-scale must be in (0, 2]");
  const distDir = values["dist-dir"];
  if (distDir !== undefined && !fs.existsSync(path.join(distDir, "BUILD_ID")))
    throw new Error(`--dist-dir: no build in ${distDir}`);

  if (values.store !== "sqlite" && values.store !== "postgres") throw new Error("--store must be sqlite or postgres");
  if (values["database-url"] && values.store !== "postgres")
    throw new Error("--database-url goes with --store postgres");

  if (distDir === undefined) ensureBuild(Boolean(values["skip-build"]));
  let postgres: TestPostgres | undefined;
  let databaseUrl: string | undefined;
  if (values.store === "postgres") {
    if (values["database-url"]) databaseUrl = values["database-url"];
    else {
      postgres = await startTestPostgres({ durable: true });
      databaseUrl = await createDatabase(postgres.url, "fourfold_bench");
    }
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-bench-"));
  const key = `ff_bench_${crypto.randomBytes(18).toString("base64url")}`;
  const server = startServer({ port: await freePort(), dataDir, apiKey: key, distDir, databaseUrl });
  const cleanUp = () => {
    server.stop();
    postgres?.stop();
    if (!values["keep-data"]) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      cleanUp();
      process.exit(130);
    });
  }
  const client: Client = { base: server.base, key, org: ORG, project: PROJECT };
  try {
    if (values.mixed) {
      await waitReady(client, 180_000, () => server.child.exitCode === null);
      out(
        `machine: ${machine()}; load average ${os
          .loadavg()
          .map((l) => fmt(l, 2))
          .join(", ")}`,
      );
      out(`server:  ${client.base} (pid ${server.child.pid}, build ${distDir ?? DIST_DIR}), data ${dataDir}\n`);
      await mixed(server, client, { durationS, scale, loadScale, end, writers: 4, pollers: 50, exporters: 10 }, out);
      out(
        `load average at the end: ${os
          .loadavg()
          .map((l) => fmt(l, 2))
          .join(", ")}`,
      );
    } else {
      await bench(server, client, { scale, inFlight, runs, rangeDays, end, dataDir, databaseUrl });
    }
  } catch (err) {
    process.stderr.write(`server output (tail):\n${server.log.join("").slice(-4000)}\n`);
    throw err;
  } finally {
    cleanUp();
  }
}

/** A new database on the server `adminUrl` reaches, with byte-wise text order; its URL. */
async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
