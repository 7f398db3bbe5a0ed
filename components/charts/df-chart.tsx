"use client";

import dynamic from "next/dynamic";
import type { BenchmarkSet } from "@/lib/dora/benchmarks";
import { ratingBands } from "@/lib/dora/ratings";
import { formatCount, formatRate } from "@/lib/browser/csv/format";
import type { DfPoint } from "@/lib/browser/csv/series";
import { ChartCard } from "./chart-card";
import { PlotLoading } from "./plot-loading";

const DfPlot = dynamic(() => import("./df-plot"), { ssr: false, loading: PlotLoading });

export interface DfChartProps {
  points: DfPoint[];
  benchmark: BenchmarkSet;
}

/** The bands are per day; bars count a period, so the bands are drawn for the usual period length. */
export function typicalPeriodDays(points: readonly DfPoint[]): number {
  const days = points.flatMap((p) => (p.days === null ? [] : [p.days])).sort((a, b) => a - b);
  return days[Math.floor(days.length / 2)] ?? 30;
}

export function DfChart({ points, benchmark }: DfChartProps) {
  const bandDays = typicalPeriodDays(points);
  const table = {
    columns: [{ label: "Period" }, { label: "Deployments", numeric: true }, { label: "Rate", numeric: true }],
    rows: points.map((p) => ({ key: p.period, cells: [p.period, formatCount(p.deployments), formatRate(p.perDay)] })),
  };
  return (
    <ChartCard
      title="Deployment frequency"
      description={`Successful production deployments per period. The bands are drawn for a ${bandDays}-day period.`}
      bands={ratingBands("DF", benchmark)}
      bound={formatRate}
      table={table}
    >
      <DfPlot points={points} benchmark={benchmark} bandDays={bandDays} />
    </ChartCard>
  );
}
