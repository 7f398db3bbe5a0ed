// npm run bench:engine -- --mixed: the engine under everything at once, as an operator's busy day
// looks. For a fixed time, 4 writers each send 5,000-item batches of one kind (fresh records, then
// the same ones again), 50 pollers each poll an export's status every 250 ms on kept-alive
// connections, a prober opens a new connection every 500 ms, and 10 clients each create a small
// export (one squad, a year, weekly) and poll it every 100 ms until COMPLETED, then the next.
// The writers run in a thread of their own (mixed-writers.ts), with their bodies serialised before
// the load starts, so that their work never delays the pollers' clocks.
import http from "node:http";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { type Kind } from "@/lib/demo";
import { benchOrg } from "./bench-org";
import { call, type Client } from "./client";
import { runExport } from "./exports";
import { ingestAll } from "./ingest";
import type { WritersConfig, WritersResult } from "./mixed-writers";
import { serverMemory, type Server } from "./server";
import { fmt, percentile } from "./stats";

export const MIXED_TARGETS = { pollP99Ms: 200, newConnectionMaxMs: 1000, exportP99Ms: 5000 };

export interface MixedOptions {
  durationS: number;
  /** The scale of the organisation the exports read (ingested before the load). */
  scale: number;
  /** The scale of the organisation the writers send during the load. */
  loadScale: number;
  end: Date;
  writers: number;
  pollers: number;
  exporters: number;
}

const WRITER_KINDS: Kind[] = ["work-items", "builds", "pull-requests", "deployments"];
const POLL_EVERY_MS = 1000;
const PROBE_EVERY_MS = 500;
const EXPORT_POLL_MS = 250;
const DAY = 86_400_000;
const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Stats {
  polls: number[];
  pollErrors: number;
  probes: number[];
  probeErrors: number;
  exports: number[];
  exportQueued: number[];
  exportServer: number[];
  exportErrors: number;
  status5xx: number;
  writerErrors: string[];
}

/** GET over a connection of its own (no keep-alive): the time until the whole answer is in. */
function probe(c: Client, pathname: string): Promise<{ status: number; ms: number }> {
  const url = new URL(pathname, c.base);
  url.searchParams.set("projectIdentifier", c.project);
  url.searchParams.set("orgIdentifier", c.org);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      { agent: false, headers: { authorization: `ApiKey ${c.key}` }, timeout: 120_000 },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("probe timed out")));
    req.on("error", reject);
  });
}

/** The writers' thread, ready (its bodies generated) to start on the next message. */
async function startWriters(load: Client, opts: MixedOptions, out: (line?: string) => void): Promise<Worker> {
  const config: WritersConfig = {
    base: load.base,
    key: load.key,
    org: load.org,
    project: load.project,
    loadScale: opts.loadScale,
    end: opts.end.toISOString(),
    kinds: WRITER_KINDS.slice(0, opts.writers),
  };
  // A thread does not inherit tsx's loader: it registers it, then loads the TypeScript file.
  const file = path.join(__dirname, "mixed-writers.ts");
  const worker = new Worker(`require("tsx/cjs"); require(${JSON.stringify(file)});`, {
    eval: true,
    workerData: config,
  });
  const ready = await new Promise<{ batches: number; records: number; bytes: number }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  out(
    `  load batches: ${ready.batches} of ${config.kinds.join(", ")} (${fmt(ready.records)} records, ${fmt(ready.bytes / 2 ** 20)} MiB), one kind per writer, sent again from the start when done`,
  );
  return worker;
}

export async function mixed(
  server: Server,
  bench: Client,
  opts: MixedOptions,
  out: (line?: string) => void,
): Promise<void> {
  const load: Client = { ...bench, project: `${bench.project}-load` };
  out(`setup: the exports' data, benchOrg(scale ${opts.scale}), into ${bench.project}`);
  const t0 = performance.now();
  const rates = await ingestAll(bench, benchOrg(opts.end, opts.scale), 3, () => {});
  out(`  ${fmt(rates.reduce((s, r) => s + r.records, 0))} records in ${fmt((performance.now() - t0) / 1000, 1)} s`);

  const teams = [...benchOrg(opts.end, opts.loadScale).batches("teams", 5000)];
  for (const items of teams) {
    const r = await call(load, "POST", "/v2/ingest/teams", JSON.stringify({ items }));
    if (r.status !== 200) throw new Error(`load teams: HTTP ${r.status}`);
  }
  const writers = await startWriters(load, opts, out);

  const endDay = opts.end.getTime() - DAY;
  const squads = Array.from(
    { length: Math.max(opts.exporters, 5) },
    (_, i) => `bench-g${String((i % 20) + 1).padStart(2, "0")}-s${String(i + 1).padStart(3, "0")}`,
  );
  const polled: string[] = [];
  const quiet: number[] = [];
  for (const squad of squads.slice(0, 5)) {
    const run = await runExport(
      bench,
      { scope: { teamId: squad }, start: isoDay(endDay - 364 * DAY), end: isoDay(endDay), timezone: "UTC" },
      120_000,
    );
    polled.push(run.exportId);
    quiet.push(run.serverMs);
  }
  out(`  small exports with nothing else running, created → completed: ${quiet.map((ms) => fmt(ms)).join(", ")} ms`);
  const before = serverMemory(server);
  out(`  server before the load: VmRSS ${fmt(before?.rss ?? NaN)} MiB\n`);

  const stats: Stats = {
    polls: [],
    pollErrors: 0,
    probes: [],
    probeErrors: 0,
    exports: [],
    exportQueued: [],
    exportServer: [],
    exportErrors: 0,
    status5xx: 0,
    writerErrors: [],
  };
  const clientLag = monitorEventLoopDelay({ resolution: 10 });
  clientLag.enable();
  const start = performance.now();
  const until = start + opts.durationS * 1000;
  const running = () => performance.now() < until;
  let peakRss = before?.rss ?? 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, serverMemory(server)?.rss ?? 0);
  }, 1000);

  const poller = async (p: number) => {
    await sleep((p * POLL_EVERY_MS) / opts.pollers);
    for (let next = performance.now(); running(); next += POLL_EVERY_MS) {
      try {
        const r = await call(
          bench,
          "GET",
          `/v2/insights/efficiency/exports/${polled[p % polled.length]}`,
          undefined,
          120_000,
        );
        if (r.status === 200) stats.polls.push(r.ms);
        else {
          stats.pollErrors++;
          if (r.status >= 500) stats.status5xx++;
        }
      } catch {
        stats.pollErrors++;
      }
      const wait = next + POLL_EVERY_MS - performance.now();
      if (wait > 0) await sleep(wait);
      else next = performance.now();
    }
  };

  const prober = async () => {
    const inFlight: Promise<void>[] = [];
    while (running()) {
      inFlight.push(
        probe(bench, `/v2/insights/efficiency/exports/${polled[0]}`).then(
          (r) => {
            if (r.status === 200) stats.probes.push(r.ms);
            else stats.probeErrors++;
          },
          () => {
            stats.probeErrors++;
          },
        ),
      );
      await sleep(PROBE_EVERY_MS);
    }
    await Promise.all(inFlight);
  };

  let exportSerial = 0;
  const exporter = async (e: number) => {
    while (running()) {
      // A fresh job each time: the year ends one day earlier per export, then in another zone.
      const k = ++exportSerial;
      const last = endDay - (k % 700) * DAY;
      const timezone = ZONES[Math.floor(k / 700) % ZONES.length]!;
      const spec = { scope: { teamId: squads[e]! }, start: isoDay(last - 364 * DAY), end: isoDay(last), timezone };
      try {
        const run = await runExport(bench, spec, 120_000, EXPORT_POLL_MS);
        stats.exports.push(run.ms);
        stats.exportQueued.push(run.queuedMs);
        stats.exportServer.push(run.serverMs);
      } catch (err) {
        stats.exportErrors++;
        stats.writerErrors.push(`export: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };

  out(
    `load: ${opts.writers} writers, ${opts.pollers} pollers (every ${POLL_EVERY_MS} ms, kept alive), a new connection every ${PROBE_EVERY_MS} ms, ${opts.exporters} export clients, for ${opts.durationS} s`,
  );
  const written = new Promise<WritersResult>((resolve, reject) => {
    writers.once("message", (msg: { result: WritersResult }) => resolve(msg.result));
    writers.once("error", reject);
  });
  writers.postMessage({ durationMs: opts.durationS * 1000 });
  const [w] = await Promise.all([
    written,
    ...Array.from({ length: opts.pollers }, (_, p) => poller(p)),
    prober(),
    ...Array.from({ length: opts.exporters }, (_, e) => exporter(e)),
  ]);
  const elapsed = performance.now() - start;
  await writers.terminate();
  clearInterval(sampler);
  clientLag.disable();
  const after = serverMemory(server);

  const rate = (w.records / w.lastMs) * 1000;
  stats.status5xx += w.status5xx;
  stats.writerErrors.push(...w.errors);
  out(`  ran ${fmt(elapsed / 1000, 1)} s (the last requests finish after the ${opts.durationS} s)`);
  out(
    `  ingestion: ${fmt(w.records)} records in ${fmt(w.batches)} batches over ${fmt(w.lastMs / 1000, 1)} s, ${fmt(rate)} records/s; 429: ${w.refused429}`,
  );
  const line = (name: string, v: number[]) =>
    `  ${name}: ${fmt(v.length)}, p50 ${fmt(percentile(v, 0.5), 1)} ms, p99 ${fmt(percentile(v, 0.99), 1)} ms, max ${fmt(Math.max(...v), 1)} ms`;
  out(line("status polls (kept alive)", stats.polls) + `; failed ${stats.pollErrors}`);
  out(line("new connections, first answer", stats.probes) + `; failed ${stats.probeErrors}`);
  out(line("small exports, create → COMPLETED", stats.exports) + `; failed ${stats.exportErrors}`);
  out(line("  – on the server, created → started", stats.exportQueued));
  out(line("  – on the server, created → completed", stats.exportServer));
  out(`  5xx answers: ${stats.status5xx}`);
  for (const e of stats.writerErrors.slice(0, 5)) out(`  error: ${e}`);
  out(
    `  client event loop delay: p99 ${fmt(clientLag.percentile(99) / 1e6, 1)} ms, max ${fmt(clientLag.max / 1e6, 1)} ms`,
  );
  out(
    `  server VmRSS: before ${fmt(before?.rss ?? NaN)} MiB, peak ${fmt(peakRss)} MiB, after ${fmt(after?.rss ?? NaN)} MiB`,
  );
  for (const after of [30, 60]) {
    await sleep(30_000);
    out(
      `  server VmRSS ${after} s after the load: ${fmt(serverMemory(server)?.rss ?? NaN)} MiB${after === 60 ? "\n" : ""}`,
    );
  }

  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  const pollP99 = percentile(stats.polls, 0.99);
  const probeMax = Math.max(...stats.probes);
  const exportP99 = percentile(stats.exports, 0.99);
  out("targets");
  out(
    `  status polls p99 <= ${MIXED_TARGETS.pollP99Ms} ms: ${fmt(pollP99, 1)} – ${verdict(pollP99 <= MIXED_TARGETS.pollP99Ms)}`,
  );
  out(
    `  a new connection's first answer <= ${fmt(MIXED_TARGETS.newConnectionMaxMs)} ms (max): ${fmt(probeMax, 1)} – ${verdict(probeMax <= MIXED_TARGETS.newConnectionMaxMs)}`,
  );
  out(
    `  small export create → COMPLETED p99 <= ${fmt(MIXED_TARGETS.exportP99Ms)} ms: ${fmt(exportP99)} – ${verdict(exportP99 <= MIXED_TARGETS.exportP99Ms)}`,
  );
  out(`  no 5xx: ${stats.status5xx} – ${verdict(stats.status5xx === 0)}`);
}
