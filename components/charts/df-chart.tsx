"use client";

import { lazy } from "react";
import { type BenchmarkSet, ratingBands } from "@/lib/dora";
import { formatCount, formatRate, type DfPoint } from "@/lib/browser";
import { ChartCard } from "./chart-card";
import { dfPlotProps, type PlotSnapshot } from "./plot-props";
import { usePeriodPicker, type PeriodPick } from "./period-picker";
import { PlotSlot } from "./plot-slot";

const DfPlot = lazy(() => import("./df-plot"));

export interface DfChartProps {
  points: DfPoint[];
  benchmark: BenchmarkSet;
  /** The chart as the server drew it, shown until this one is drawn. */
  snapshot?: PlotSnapshot;
  /** Given, each period can be picked to see its records. */
  pick?: PeriodPick;
}

export function DfChart({ points, benchmark, snapshot, pick }: DfChartProps) {
  const picker = usePeriodPicker("Deployment frequency", pick);
  const plot = dfPlotProps(points, benchmark);
  const table = {
    columns: [{ label: "Period" }, { label: "Deployments", numeric: true }, { label: "Rate", numeric: true }],
    rows: points.map((p) => ({ key: p.period, cells: [p.period, formatCount(p.deployments), formatRate(p.perDay)] })),
  };
  return (
    <ChartCard
      title="Deployment frequency"
      description={`Successful production deployments per period. The bands are drawn for a ${plot.bandDays}-day period.`}
      bands={ratingBands("DF", benchmark)}
      bound={formatRate}
      table={table}
      overlay={picker.overlay}
      onPlotClick={picker.onPlotClick}
    >
      <PlotSlot snapshot={snapshot}>
        <DfPlot {...plot} onLayout={picker.onLayout} />
      </PlotSlot>
    </ChartCard>
  );
}
