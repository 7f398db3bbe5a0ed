"use client";

import dynamic from "next/dynamic";
import type { BenchmarkSet } from "@/lib/dora/benchmarks";
import { STAGES } from "@/lib/dora/columns";
import { ratingBands } from "@/lib/dora/ratings";
import { formatCount, formatDuration } from "@/lib/browser/csv/format";
import type { LttcPoint } from "@/lib/browser/csv/series";
import { ChartCard } from "./chart-card";
import { PlotLoading } from "./plot-loading";

const LttcPlot = dynamic(() => import("./lttc-plot"), { ssr: false, loading: PlotLoading });

export interface LttcChartProps {
  points: LttcPoint[];
  benchmark: BenchmarkSet;
}

export function LttcChart({ points, benchmark }: LttcChartProps) {
  const table = {
    columns: [{ label: "Period" }, { label: "Lead time", numeric: true }, ...STAGES.map((s) => ({ label: s, numeric: true })), { label: "Changes", numeric: true }],
    rows: points.map((p) => ({ key: p.period, cells: [p.period, formatDuration(p.LTTC), ...STAGES.map((s) => formatDuration(p[s])), formatCount(p.changes)] })),
  };
  return (
    <ChartCard
      title="Lead time for changes"
      description="Time from first work to production per period, as stacked stages (planning, coding, review, build, deploy) with the lead time as a line. Periods without changes are gaps."
      bands={ratingBands("LTTC", benchmark)}
      bound={formatDuration}
      table={table}
    >
      <LttcPlot points={points} benchmark={benchmark} />
    </ChartCard>
  );
}
