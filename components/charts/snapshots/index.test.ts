import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TeamSeries } from "@/lib/browser/csv/series";
import { drawSnapshots, stopSnapshots, warmSnapshots } from "./index";

const FAKE_WORKER = path.join(__dirname, "testing/fake-chart-worker.mjs");
const REAL_WORKER = path.join(process.cwd(), "dist/chart-worker.mjs");

const point = { period: "2026-01", start: null, end: null };
function seriesWith(has: Partial<TeamSeries["has"]> = {}): TeamSeries {
  return {
    lttc: [{ ...point, PLANNING: 1, CODING: 1, REVIEW: 1, BUILD: 1, DEPLOY: 1, LTTC: 5, changes: 1 }],
    df: [{ ...point, deployments: 2, perDay: 0.1, days: 31 }],
    cfr: [{ ...point, percent: 10, failures: 1, total: 10 }],
    mttr: [{ ...point, days: 1, incidents: 1 }],
    fdrt: [],
    rework: [],
    has: { lttc: true, df: true, cfr: true, mttr: true, fdrt: false, rework: false, ...has },
  };
}
const request = (benchmark: string, key = "k1", series = seriesWith()) => ({ key, series, benchmark, width: 640 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The log lines written meanwhile, by event. */
function logged() {
  const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  return () => write.mock.calls.map(([line]) => (JSON.parse(String(line)) as { event: string }).event);
}

beforeEach(() => {
  vi.stubEnv("FOURFOLD_SNAPSHOTS_WORKER_FILE", FAKE_WORKER);
  vi.stubEnv("FOURFOLD_LOG", "on");
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await stopSnapshots();
});

describe("drawSnapshots", () => {
  it("draws the charts whose columns the export has", async () => {
    const snapshots = await drawSnapshots(request("ok", "k1", seriesWith({ cfr: false, mttr: false })));
    expect(Object.keys(snapshots).sort()).toEqual(["df", "lttc"]);
    expect(snapshots.lttc).toMatch(/^<svg>lttc #\d of thread/);
  });

  it("draws a key once: the next call has it from the cache", async () => {
    const first = await drawSnapshots(request("ok"));
    expect(await drawSnapshots(request("ok"))).toEqual(first);
    expect(await drawSnapshots(request("ok", "k2"))).not.toEqual(first);
  });

  it("calls at the same time share one drawing", async () => {
    const [a, b] = await Promise.all([drawSnapshots(request("slow:50")), drawSnapshots(request("slow:50"))]);
    expect(a).toEqual(b);
    expect(
      Object.values(a)
        .map((svg) => svg.match(/#(\d+)/)![1])
        .sort(),
    ).toEqual(["1", "2", "3", "4"]);
  });

  it("past its budget, resolves with what it has; the rest is drawn into the cache", async () => {
    // Each drawing takes 150 ms: an answer without them was given before they were done.
    expect(await drawSnapshots(request("slow:150"), { budgetMs: 30 })).toEqual({});
    await vi.waitFor(
      async () => expect(Object.keys(await drawSnapshots(request("slow:150"), { budgetMs: 0 }))).toHaveLength(4),
      { timeout: 10_000, interval: 50 },
    );
  });

  it("a chart that cannot be drawn is left out, logged once, and not drawn again", async () => {
    const events = logged();
    expect(await drawSnapshots(request("error"))).toEqual({});
    expect(await drawSnapshots(request("error"))).toEqual({});
    expect(events().filter((e) => e === "snapshots.draw_failed")).toHaveLength(4);
  });

  it("a worker that dies is logged and replaced on next use", async () => {
    const events = logged();
    expect(await drawSnapshots(request("exit"))).toEqual({});
    expect(events()).toEqual(["snapshots.worker_exited"]);
    const snapshots = await drawSnapshots(request("ok"));
    expect(Object.keys(snapshots)).toHaveLength(4);
  });

  it("without its worker, resolves with nothing and says so once", async () => {
    vi.stubEnv("FOURFOLD_SNAPSHOTS_WORKER_FILE", path.join(__dirname, "testing/missing.mjs"));
    const events = logged();
    expect(await drawSnapshots(request("ok"))).toEqual({});
    expect(await drawSnapshots(request("ok", "k2"))).toEqual({});
    expect(events()).toEqual(["snapshots.worker_unavailable"]);
  });

  it("warming up starts the worker and draws in it, outside the cache", async () => {
    warmSnapshots();
    // The worker's start and 24 instant drawings: a few ms alone, longer beside other test files.
    await sleep(2000);
    // Six rounds of the four charts came first in this worker.
    expect((await drawSnapshots(request("ok"))).lttc).toMatch(/ #25 of/);
  });

  it("warming up stops once a page asks for a drawing", async () => {
    vi.stubEnv("FAKE_DRAW_MS", "20");
    warmSnapshots();
    await sleep(30);
    const snapshots = await drawSnapshots(request("ok"));
    const last = Math.max(...Object.values(snapshots).map((svg) => Number(svg.match(/#(\d+)/)![1])));
    expect(last).toBeLessThanOrEqual(4 + 2);
    await sleep(100);
    expect((await drawSnapshots(request("ok", "k2"))).lttc).toMatch(new RegExp(` #${last + 1} of`));
  });

  it("the built worker draws recharts' snapshots", { timeout: 30_000 }, async () => {
    vi.stubEnv("FOURFOLD_SNAPSHOTS_WORKER_FILE", REAL_WORKER);
    const snapshots = await drawSnapshots(request("sei"), { budgetMs: 25_000 });
    expect(Object.keys(snapshots).sort()).toEqual(["cfr", "df", "lttc", "mttr"]);
    for (const svg of Object.values(snapshots))
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 640 240" class="ff-snapshot"/);
  });
});
