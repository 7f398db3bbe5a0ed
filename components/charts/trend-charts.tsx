"use client";

// The four DORA trend charts of one team, in a responsive grid. Charts whose columns the export
// lacks are left out, with a line saying so.
import type { BenchmarkSet } from "@/lib/dora";
import type { TeamSeries } from "@/lib/browser";
import { CfrChart } from "./cfr-chart";
import { DfChart } from "./df-chart";
import { LttcChart } from "./lttc-chart";
import { MttrChart } from "./mttr-chart";
import { snapshotOf, type ChartSnapshotSets } from "./plot-props";

export interface TrendChartsProps {
  series: TeamSeries;
  benchmark: BenchmarkSet;
  /** The charts as the server drew them for this series, if it did. */
  snapshots?: ChartSnapshotSets;
}

const NAMES = {
  lttc: "lead time",
  df: "deployment frequency",
  cfr: "change failure rate",
  mttr: "time to restore",
} as const;

export function TrendCharts({ series, benchmark, snapshots }: TrendChartsProps) {
  const missing = (Object.keys(NAMES) as (keyof typeof NAMES)[]).filter((k) => !series.has[k]);
  return (
    <div className="space-y-3">
      {missing.length > 0 && (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          This export has no columns for {missing.map((k) => NAMES[k]).join(", ")}, so those charts are not shown.
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        {series.has.lttc && (
          <LttcChart points={series.lttc} benchmark={benchmark} snapshot={snapshotOf(snapshots, "lttc")} />
        )}
        {series.has.df && <DfChart points={series.df} benchmark={benchmark} snapshot={snapshotOf(snapshots, "df")} />}
        {series.has.cfr && (
          <CfrChart points={series.cfr} benchmark={benchmark} snapshot={snapshotOf(snapshots, "cfr")} />
        )}
        {series.has.mttr && (
          <MttrChart points={series.mttr} benchmark={benchmark} snapshot={snapshotOf(snapshots, "mttr")} />
        )}
      </div>
    </div>
  );
}
