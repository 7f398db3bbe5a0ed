"use client";

import dynamic from "next/dynamic";
import type { BenchmarkSet } from "@/lib/dora/benchmarks";
import { ratingBands } from "@/lib/dora/ratings";
import { formatCount, formatPercent } from "@/lib/browser/csv/format";
import type { CfrPoint } from "@/lib/browser/csv/series";
import { ChartCard } from "./chart-card";
import type { LinePlotProps } from "./line-plot";
import { PlotLoading } from "./plot-loading";
import { SERIES_COLOUR } from "./theme";

const LinePlot = dynamic(() => import("./line-plot"), { ssr: false, loading: PlotLoading }) as <P extends { period: string }>(props: LinePlotProps<P>) => React.ReactNode;

export interface CfrChartProps {
  points: CfrPoint[];
  benchmark: BenchmarkSet;
}

export function CfrChart({ points, benchmark }: CfrChartProps) {
  const bands = ratingBands("CFR", benchmark);
  const table = {
    columns: [{ label: "Period" }, { label: "Failure rate", numeric: true }, { label: "Failures", numeric: true }, { label: "Deployments", numeric: true }],
    rows: points.map((p) => ({ key: p.period, cells: [p.period, formatPercent(p.percent), formatCount(p.failures), formatCount(p.total)] })),
  };
  return (
    <ChartCard title="Change failure rate" description="Share of production deployments that failed or caused an incident, per period. Periods without deployments are gaps." bands={bands} bound={formatPercent} table={table}>
      <LinePlot
        points={points}
        value={(p) => p.percent}
        name="Change failure rate"
        colour={SERIES_COLOUR.cfr}
        bands={bands}
        emptyMax={50}
        ceiling={100}
        tick={formatPercent}
        tooltip={(p) => [
          { label: "Failure rate", value: formatPercent(p.percent), colour: SERIES_COLOUR.cfr },
          { label: "Failures / total", value: `${formatCount(p.failures)} / ${formatCount(p.total)}` },
        ]}
      />
    </ChartCard>
  );
}
