"use client";

import { lazy } from "react";
import { type BenchmarkSet, STAGES, ratingBands } from "@/lib/dora";
import { formatCount, formatDuration, type LttcPoint } from "@/lib/browser";
import { ChartCard } from "./chart-card";
import type { PlotSnapshot } from "./plot-props";
import { usePeriodPicker, type PeriodPick } from "./period-picker";
import { PlotSlot } from "./plot-slot";

const LttcPlot = lazy(() => import("./lttc-plot"));

export interface LttcChartProps {
  points: LttcPoint[];
  benchmark: BenchmarkSet;
  /** The chart as the server drew it, shown until this one is drawn. */
  snapshot?: PlotSnapshot;
  /** Given, each period can be picked to see its records. */
  pick?: PeriodPick;
}

export function LttcChart({ points, benchmark, snapshot, pick }: LttcChartProps) {
  const picker = usePeriodPicker("Lead time for changes", pick);
  const table = {
    columns: [
      { label: "Period" },
      { label: "Lead time", numeric: true },
      ...STAGES.map((s) => ({ label: s, numeric: true })),
      { label: "Changes", numeric: true },
    ],
    rows: points.map((p) => ({
      key: p.period,
      cells: [p.period, formatDuration(p.LTTC), ...STAGES.map((s) => formatDuration(p[s])), formatCount(p.changes)],
    })),
  };
  return (
    <ChartCard
      title="Lead time for changes"
      description="Time from first work to production per period, as stacked stages (planning, coding, review, build, deploy) with the lead time as a line. Periods without changes are gaps."
      bands={ratingBands("LTTC", benchmark)}
      bound={formatDuration}
      table={table}
      overlay={picker.overlay}
      onPlotClick={picker.onPlotClick}
    >
      <PlotSlot snapshot={snapshot}>
        <LttcPlot points={points} benchmark={benchmark} onLayout={picker.onLayout} />
      </PlotSlot>
    </ChartCard>
  );
}
