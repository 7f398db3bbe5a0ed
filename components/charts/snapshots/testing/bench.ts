// Times the snapshots through the public API, in the built worker (node scripts/build-worker.mjs):
//   NODE_ENV=production npx tsx --conditions=react-server components/charts/snapshots/testing/bench.ts [periods] [rounds]
import type { TeamSeries } from "@/lib/browser/csv/series";
import { CHART_KINDS, type ChartKind } from "../../plot-props";
import { drawSnapshots, stopSnapshots, warmSnapshots } from "../index";

const periods = Number(process.argv[2] ?? 26);
const rounds = Number(process.argv[3] ?? 20);

function series(n: number): TeamSeries {
  const at = <T>(make: (i: number) => T) =>
    Array.from({ length: n }, (_, i) => ({
      period: `2026-W${String(i + 1).padStart(2, "0")}`,
      start: null,
      end: null,
      ...make(i),
    }));
  const or = (i: number, v: number) => (i % 7 === 3 ? null : v);
  return {
    lttc: at((i) => ({
      PLANNING: or(i, 1 + (i % 3)),
      CODING: or(i, 0.5),
      REVIEW: or(i, 0.3),
      BUILD: or(i, 0.1),
      DEPLOY: or(i, 0.2),
      LTTC: or(i, 2 + (i % 4)),
      changes: or(i, 4),
    })),
    df: at((i) => ({ deployments: or(i, 3 + (i % 5)), perDay: or(i, 0.5), days: 7 })),
    cfr: at((i) => ({ percent: or(i, 10 + (i % 9)), failures: or(i, 1), total: or(i, 10) })),
    mttr: at((i) => ({ days: or(i, 0.2 + (i % 3) / 10), incidents: or(i, 2) })),
    fdrt: [],
    rework: [],
    has: { lttc: true, df: true, cfr: true, mttr: true, fdrt: false, rework: false },
  };
}

let key = 0;
async function timed(kinds: readonly ChartKind[]): Promise<number> {
  const s = series(periods);
  s.has = {
    lttc: kinds.includes("lttc"),
    df: kinds.includes("df"),
    cfr: kinds.includes("cfr"),
    mttr: kinds.includes("mttr"),
    fdrt: false,
    rework: false,
  };
  const started = performance.now();
  const snapshots = await drawSnapshots(
    { key: `bench-${++key}`, series: s, benchmark: "sei", width: 640 },
    { budgetMs: 60_000 },
  );
  if (Object.keys(snapshots).length !== kinds.length) throw new Error("a snapshot is missing");
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main() {
  console.log(`${periods} periods, NODE_ENV=${process.env.NODE_ENV}`);
  console.log(`cold, four charts (worker start included): ${(await timed(CHART_KINDS)).toFixed(0)} ms`);
  await stopSnapshots();
  warmSnapshots();
  await new Promise((resolve) => setTimeout(resolve, 4000));
  console.log(`after warmSnapshots, four charts: ${(await timed(CHART_KINDS)).toFixed(0)} ms`);
  for (let i = 0; i < 3; i++) await timed(CHART_KINDS);
  for (const kind of CHART_KINDS) {
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) times.push(await timed([kind]));
    console.log(`${kind}: median ${median(times).toFixed(1)} ms, min ${Math.min(...times).toFixed(1)} ms`);
  }
  const all: number[] = [];
  for (let i = 0; i < rounds; i++) all.push(await timed(CHART_KINDS));
  console.log(`four charts: median ${median(all).toFixed(1)} ms`);
  await stopSnapshots();
}

void main();
