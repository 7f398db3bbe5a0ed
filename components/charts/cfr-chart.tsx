"use client";

import { lazy } from "react";
import type { BenchmarkSet } from "@/lib/dora";
import { formatCount, formatPercent, type CfrPoint } from "@/lib/browser";
import { ChartCard } from "./chart-card";
import type { LinePlotProps } from "./line-plot";
import { cfrPlotProps, type PlotSnapshot } from "./plot-props";
import { usePeriodPicker, type PeriodPick } from "./period-picker";
import { PlotSlot } from "./plot-slot";

const LinePlot = lazy(() => import("./line-plot")) as unknown as <P extends { period: string }>(
  props: LinePlotProps<P>,
) => React.ReactNode;

export interface CfrChartProps {
  points: CfrPoint[];
  benchmark: BenchmarkSet;
  /** The chart as the server drew it, shown until this one is drawn. */
  snapshot?: PlotSnapshot;
  /** Given, each period can be picked to see its records. */
  pick?: PeriodPick;
}

export function CfrChart({ points, benchmark, snapshot, pick }: CfrChartProps) {
  const picker = usePeriodPicker("Change failure rate", pick);
  const plot = cfrPlotProps(points, benchmark);
  const table = {
    columns: [
      { label: "Period" },
      { label: "Failure rate", numeric: true },
      { label: "Failures", numeric: true },
      { label: "Deployments", numeric: true },
    ],
    rows: points.map((p) => ({
      key: p.period,
      cells: [p.period, formatPercent(p.percent), formatCount(p.failures), formatCount(p.total)],
    })),
  };
  return (
    <ChartCard
      title="Change failure rate"
      description="Share of production deployments that failed or caused an incident, per period. Periods without deployments are gaps."
      bands={plot.bands}
      bound={formatPercent}
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
