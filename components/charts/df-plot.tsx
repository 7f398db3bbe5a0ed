"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { BenchmarkSet } from "@/lib/dora/benchmarks";
import { ratingBands } from "@/lib/dora/ratings";
import { formatCount, formatRate } from "@/lib/browser/csv/format";
import type { DfPoint } from "@/lib/browser/csv/series";
import { niceAxis } from "@/lib/browser/csv/axis";
import { bandAreas } from "./bands";
import { ChartTooltip } from "./chart-tooltip";
import { AXIS_TICK, CHART_HEIGHT, CHART_MARGIN, SERIES_COLOUR } from "./theme";

/** `bandDays`: the period length the per-day benchmark bounds are scaled by (see typicalPeriodDays). */
export default function DfPlot({ points, benchmark, bandDays }: { points: DfPoint[]; benchmark: BenchmarkSet; bandDays: number }) {
  const { top: yMax, ticks } = niceAxis(points.map((p) => p.deployments), Math.max(4, bandDays / 7));
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <BarChart data={points} margin={CHART_MARGIN} accessibilityLayer={false}>
        {bandAreas(ratingBands("DF", benchmark), yMax, bandDays)}
        <CartesianGrid stroke="currentColor" strokeOpacity={0.12} vertical={false} />
        <XAxis dataKey="period" tick={AXIS_TICK} stroke="currentColor" strokeOpacity={0.4} />
        <YAxis domain={[0, yMax]} ticks={ticks.filter(Number.isInteger)} allowDataOverflow tick={AXIS_TICK} stroke="currentColor" strokeOpacity={0.4} width={48} />
        <Tooltip
          cursor={{ fill: "currentColor", fillOpacity: 0.06 }}
          content={({ active, payload }) => {
            const p = payload?.[0]?.payload as DfPoint | undefined;
            if (!active || !p) return null;
            const lines = [
              { label: "Deployments", value: formatCount(p.deployments), colour: SERIES_COLOUR.df },
              { label: "Rate", value: formatRate(p.perDay) },
            ];
            return <ChartTooltip title={p.period} lines={lines} />;
          }}
        />
        <Bar dataKey="deployments" name="Deployments" fill={SERIES_COLOUR.df} isAnimationActive={false} maxBarSize={48} />
      </BarChart>
    </ResponsiveContainer>
  );
}
