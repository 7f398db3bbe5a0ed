"use client";

// The DORA trend charts of one team, in a responsive grid. Charts whose columns the export
// lacks are left out, with a line saying so.
import type { BenchmarkSet } from "@/lib/dora";
import { RECORD_NOUNS, type RecordMetric, type TeamSeries } from "@/lib/browser";
import { CfrChart } from "./cfr-chart";
import { DfChart } from "./df-chart";
import { FdrtChart } from "./fdrt-chart";
import { LttcChart } from "./lttc-chart";
import { MttrChart } from "./mttr-chart";
import type { PeriodPick } from "./period-picker";
import { snapshotOf, type ChartSnapshotSets } from "./plot-props";
import { ReworkChart } from "./rework-chart";

export interface TrendChartsProps {
  series: TeamSeries;
  benchmark: BenchmarkSet;
  /** The charts as the server drew them for this series, if it did. */
  snapshots?: ChartSnapshotSets;
  /** Given, a period of any chart can be picked to see the records behind its figure. */
  onPickPeriod?: (metric: RecordMetric, period: string) => void;
}

const NAMES = {
  lttc: "lead time",
  df: "deployment frequency",
  cfr: "change failure rate",
  mttr: "time to restore",
} as const;

export function TrendCharts({ series, benchmark, snapshots, onPickPeriod }: TrendChartsProps) {
  const pick = (metric: RecordMetric): PeriodPick | undefined =>
    onPickPeriod && { id: metric, records: RECORD_NOUNS[metric].many, onPick: (p) => onPickPeriod(metric, p) };
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
          <LttcChart
            points={series.lttc}
            benchmark={benchmark}
            snapshot={snapshotOf(snapshots, "lttc")}
            pick={pick("lttc")}
          />
        )}
        {series.has.df && (
          <DfChart points={series.df} benchmark={benchmark} snapshot={snapshotOf(snapshots, "df")} pick={pick("df")} />
        )}
        {series.has.cfr && (
          <CfrChart
            points={series.cfr}
            benchmark={benchmark}
            snapshot={snapshotOf(snapshots, "cfr")}
            pick={pick("cfr")}
          />
        )}
        {series.has.mttr && (
          <MttrChart
            points={series.mttr}
            benchmark={benchmark}
            snapshot={snapshotOf(snapshots, "mttr")}
            pick={pick("mttr")}
          />
        )}
        {/* The engine's own metrics: a Harness export has no columns for them, and they are left out. */}
        {series.has.fdrt && <FdrtChart points={series.fdrt} benchmark={benchmark} pick={pick("fdrt")} />}
        {series.has.rework && <ReworkChart points={series.rework} pick={pick("rework")} />}
      </div>
    </div>
  );
}
