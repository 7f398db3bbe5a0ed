"use client";

import { lazy } from "react";
import type { BenchmarkSet } from "@/lib/dora";
import { formatCount, formatDuration, type MttrPoint } from "@/lib/browser";
import { ChartCard } from "./chart-card";
import type { LinePlotProps } from "./line-plot";
import { mttrPlotProps, type PlotSnapshot } from "./plot-props";
import { usePeriodPicker, type PeriodPick } from "./period-picker";
import { PlotSlot } from "./plot-slot";

const LinePlot = lazy(() => import("./line-plot")) as unknown as <P extends { period: string }>(
  props: LinePlotProps<P>,
) => React.ReactNode;

export interface MttrChartProps {
  points: MttrPoint[];
  benchmark: BenchmarkSet;
  /** The chart as the server drew it, shown until this one is drawn. */
  snapshot?: PlotSnapshot;
  /** Given, each period can be picked to see its records. */
  pick?: PeriodPick;
}

export function MttrChart({ points, benchmark, snapshot, pick }: MttrChartProps) {
  const picker = usePeriodPicker("Mean time to restore", pick);
  const plot = mttrPlotProps(points, benchmark);
  const table = {
    columns: [{ label: "Period" }, { label: "Time to restore", numeric: true }, { label: "Incidents", numeric: true }],
    rows: points.map((p) => ({ key: p.period, cells: [p.period, formatDuration(p.days), formatCount(p.incidents)] })),
  };
  return (
    <ChartCard
      title="Mean time to restore"
      description="Time from an incident's opening to its resolution, per period of resolution. Periods without resolved incidents are gaps."
      bands={plot.bands}
      bound={formatDuration}
      table={table}
      overlay={picker.overlay}
      onPlotClick={picker.onPlotClick}
    >
      <PlotSlot snapshot={snapshot}>
        <LinePlot {...plot} onLayout={picker.onLayout} />
      </PlotSlot>
    </ChartCard>
  );
}
