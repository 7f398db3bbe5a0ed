"use client";

import dynamic from "next/dynamic";
import type { BenchmarkSet } from "@/lib/dora/benchmarks";
import { ratingBands } from "@/lib/dora/ratings";
import { formatCount, formatDuration } from "@/lib/browser/csv/format";
import type { MttrPoint } from "@/lib/browser/csv/series";
import { ChartCard } from "./chart-card";
import type { LinePlotProps } from "./line-plot";
import { PlotLoading } from "./plot-loading";
import { SERIES_COLOUR } from "./theme";

const LinePlot = dynamic(() => import("./line-plot"), { ssr: false, loading: PlotLoading }) as <P extends { period: string }>(props: LinePlotProps<P>) => React.ReactNode;

export interface MttrChartProps {
  points: MttrPoint[];
  benchmark: BenchmarkSet;
}

export function MttrChart({ points, benchmark }: MttrChartProps) {
  const bands = ratingBands("MTTR", benchmark);
  const table = {
    columns: [{ label: "Period" }, { label: "Time to restore", numeric: true }, { label: "Incidents", numeric: true }],
    rows: points.map((p) => ({ key: p.period, cells: [p.period, formatDuration(p.days), formatCount(p.incidents)] })),
  };
  return (
    <ChartCard title="Mean time to restore" description="Time from an incident's opening to its resolution, per period of resolution. Periods without resolved incidents are gaps." bands={bands} bound={formatDuration} table={table}>
      <LinePlot
        points={points}
        value={(p) => p.days}
        name="Time to restore"
        colour={SERIES_COLOUR.mttr}
        bands={bands}
        emptyMax={1}
        tick={formatDuration}
        tooltip={(p) => [
          { label: "Time to restore", value: formatDuration(p.days), colour: SERIES_COLOUR.mttr },
          { label: "Incidents", value: formatCount(p.incidents) },
        ]}
      />
    </ChartCard>
  );
}
