"use client";

import { lazy } from "react";
import type { BenchmarkSet } from "@/lib/dora";
import { formatCount, formatDuration, type FdrtPoint } from "@/lib/browser";
import { ChartCard } from "./chart-card";
import type { LinePlotProps } from "./line-plot";
import { usePeriodPicker, type PeriodPick } from "./period-picker";
import { fdrtPlotProps } from "./plot-props";
import { PlotSlot } from "./plot-slot";

const LinePlot = lazy(() => import("./line-plot")) as unknown as <P extends { period: string }>(
  props: LinePlotProps<P>,
) => React.ReactNode;

export interface FdrtChartProps {
  points: FdrtPoint[];
  benchmark: BenchmarkSet;
  /** Given, each period can be picked to see its records. */
  pick?: PeriodPick;
}

const TITLE = "Failed deployment recovery time";

export function FdrtChart({ points, benchmark, pick }: FdrtChartProps) {
  const picker = usePeriodPicker(TITLE, pick);
  const plot = fdrtPlotProps(points, benchmark);
  const table = {
    columns: [
      { label: "Period" },
      { label: "Recovery time", numeric: true },
      { label: "Failed deployments recovered", numeric: true },
    ],
    rows: points.map((p) => ({ key: p.period, cells: [p.period, formatDuration(p.days), formatCount(p.failures)] })),
  };
  return (
    <ChartCard
      title={TITLE}
      description="Time from a failed production deployment to the next successful one of the same service, per period of recovery. The bands are those of time to restore. Periods without a recovery are gaps."
      bands={plot.bands}
      bound={formatDuration}
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
