"use client";

// The trend charts of the team in view, mounted one per frame (see useStaged): a chart of a
// hundred periods takes a task of its own, so the page never stops answering while they draw.
// FDRT and rework are charted when the file has their columns (an export of the embedded engine).
import { CfrChart, DfChart, FdrtChart, LttcChart, MttrChart, ReworkChart } from "@/components/charts";
import type { BenchmarkSet } from "@/lib/dora";
import type { TeamSeries } from "@/lib/browser";

const NAMES = {
  lttc: "lead time",
  df: "deployment frequency",
  cfr: "change failure rate",
  mttr: "time to restore",
} as const;
type Chart = keyof typeof NAMES | "fdrt" | "rework";
const ORDER: Chart[] = ["lttc", "df", "cfr", "mttr", "fdrt", "rework"];
const CORE = Object.keys(NAMES) as (keyof typeof NAMES)[];

/** `shown`: how many of the charts present to draw now; the rest hold their place. */
export function ImportCharts({
  series,
  benchmark,
  shown,
}: {
  series: TeamSeries;
  benchmark: BenchmarkSet;
  shown: number;
}) {
  const present = ORDER.filter((k) => series.has[k]);
  const missing = CORE.filter((k) => !series.has[k]);
  return (
    <div className="space-y-3">
      {missing.length > 0 && (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          This export has no columns for {missing.map((k) => NAMES[k]).join(", ")}, so those charts are not shown.
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        {present.map((k, i) =>
          i < shown ? <OneChart key={k} chart={k} series={series} benchmark={benchmark} /> : <ChartPlace key={k} />,
        )}
      </div>
    </div>
  );
}

function OneChart({ chart, series, benchmark }: { chart: Chart; series: TeamSeries; benchmark: BenchmarkSet }) {
  switch (chart) {
    case "lttc":
      return <LttcChart points={series.lttc} benchmark={benchmark} />;
    case "df":
      return <DfChart points={series.df} benchmark={benchmark} />;
    case "cfr":
      return <CfrChart points={series.cfr} benchmark={benchmark} />;
    case "mttr":
      return <MttrChart points={series.mttr} benchmark={benchmark} />;
    case "fdrt":
      return <FdrtChart points={series.fdrt} benchmark={benchmark} />;
    case "rework":
      return <ReworkChart points={series.rework} />;
  }
}

function ChartPlace() {
  return (
    <div className="flex min-h-[23rem] items-center justify-center rounded-lg border border-slate-200 bg-white text-sm text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300">
      Loading chart…
    </div>
  );
}

/** How many stages the charts take: one each. */
export function chartStages(series: TeamSeries): number {
  return ORDER.filter((k) => series.has[k]).length;
}
