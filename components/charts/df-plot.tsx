"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { ratingBands } from "@/lib/dora";
import { formatCount, formatRate, type DfPoint, niceAxis } from "@/lib/browser";
import { useChartNotes } from "./mark-context";
import { noteMarks } from "./marks";
import { bandAreas } from "./bands";
import { ChartTooltip } from "./chart-tooltip";
import { PeriodProbe } from "./period-probe";
import type { DfPlotProps } from "./plot-props";
import { sized } from "./sized";
import { AXIS_TICK, CHART_MARGIN, SERIES_COLOUR } from "./theme";

export default function DfPlot({ points, benchmark, bandDays, width, onLayout }: DfPlotProps) {
  const notes = useChartNotes();
  const { top: yMax, ticks } = niceAxis(
    points.map((p) => p.deployments),
    Math.max(4, bandDays / 7),
  );
  return sized(
    width,
    <BarChart data={points} margin={CHART_MARGIN} accessibilityLayer={false}>
      {bandAreas(ratingBands("DF", benchmark), yMax, bandDays)}
      <CartesianGrid stroke="currentColor" strokeOpacity={0.12} vertical={false} />
      {noteMarks(notes, points)}
      <XAxis dataKey="period" tick={AXIS_TICK} stroke="currentColor" strokeOpacity={0.4} />
      <YAxis
        domain={[0, yMax]}
        ticks={ticks.filter(Number.isInteger)}
        allowDataOverflow
        tick={AXIS_TICK}
        stroke="currentColor"
        strokeOpacity={0.4}
        width={48}
      />
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
      {onLayout && <PeriodProbe periods={points.map((p) => p.period)} onLayout={onLayout} />}
    </BarChart>,
  );
}
