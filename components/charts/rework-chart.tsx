"use client";

import { lazy } from "react";
import { formatCount, formatPercent, type ReworkPoint } from "@/lib/browser";
import { ChartCard } from "./chart-card";
import type { LinePlotProps } from "./line-plot";
import { usePeriodPicker, type PeriodPick } from "./period-picker";
import { reworkPlotProps } from "./plot-props";
import { PlotSlot } from "./plot-slot";

const LinePlot = lazy(() => import("./line-plot")) as unknown as <P extends { period: string }>(
  props: LinePlotProps<P>,
) => React.ReactNode;

export interface ReworkChartProps {
  points: ReworkPoint[];
  /** Given, each period can be picked to see its records. */
  pick?: PeriodPick;
}

const TITLE = "Deployment rework rate";

export function ReworkChart({ points, pick }: ReworkChartProps) {
  const picker = usePeriodPicker(TITLE, pick);
  const plot = reworkPlotProps(points);
  const table = {
    columns: [
      { label: "Period" },
      { label: "Rework rate", numeric: true },
      { label: "Rework", numeric: true },
      { label: "Deployments", numeric: true },
    ],
    rows: points.map((p) => ({
      key: p.period,
      cells: [p.period, formatPercent(p.percent), formatCount(p.rework), formatCount(p.deployments)],
    })),
  };
  return (
    <ChartCard
      title={TITLE}
      description="Share of successful production deployments made to recover from a failed one, per period. It is not rated. Periods without deployments are gaps."
      bands={plot.bands}
      bound={formatPercent}
      table={table}
      overlay={picker.overlay}
      onPlotClick={picker.onPlotClick}
    >
      <PlotSlot>
        <LinePlot {...plot} onLayout={picker.onLayout} />
      </PlotSlot>
    </ChartCard>
  );
}
