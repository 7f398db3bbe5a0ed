"use client";

// A single-line trend with benchmark bands: CFR and MTTR.
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { RatingBand } from "@/lib/dora";
import { niceAxis } from "@/lib/browser";
import { useChartNotes } from "./mark-context";
import { noteMarks } from "./marks";
import { bandAreas, lineDots } from "./bands";
import { ChartTooltip, type TooltipLine } from "./chart-tooltip";
import { PeriodProbe, type PeriodLayout } from "./period-probe";
import { sized } from "./sized";
import { AXIS_TICK, CHART_MARGIN, MAX_POINTS_WITH_DOTS } from "./theme";

export interface LinePlotProps<P extends { period: string }> {
  points: P[];
  value: (p: P) => number | null;
  name: string;
  colour: string;
  bands: RatingBand[];
  /** The axis top when there is no data. */
  emptyMax: number;
  /** Caps the axis (CFR never goes above 100 %). */
  ceiling?: number;
  tick: (v: number) => string;
  tooltip: (p: P) => TooltipLine[];
  /** A fixed width in pixels; without it the plot fills its container. */
  width?: number;
  /** Where the periods lie, for the card's period picker. */
  onLayout?: (layout: PeriodLayout | null) => void;
}

export default function LinePlot<P extends { period: string }>(props: LinePlotProps<P>) {
  const notes = useChartNotes();
  const { points, value, name, colour, bands, emptyMax, ceiling, tick, tooltip, width, onLayout } = props;
  const data = points.map((p) => ({ period: p.period, value: value(p), point: p }));
  const { top: yMax, ticks } = niceAxis(
    data.map((d) => d.value),
    emptyMax,
    ceiling,
  );
  return sized(
    width,
    <LineChart data={data} margin={CHART_MARGIN} accessibilityLayer={false}>
      {bandAreas(bands, yMax)}
      <CartesianGrid stroke="currentColor" strokeOpacity={0.12} vertical={false} />
      {noteMarks(notes, points)}
      <XAxis dataKey="period" tick={AXIS_TICK} stroke="currentColor" strokeOpacity={0.4} />
      <YAxis
        domain={[0, yMax]}
        ticks={ticks}
        allowDataOverflow
        tick={AXIS_TICK}
        stroke="currentColor"
        strokeOpacity={0.4}
        tickFormatter={(v: number) => (v === 0 ? "0" : tick(v))}
        width={64}
      />
      <Tooltip
        content={({ active, payload }) => {
          const d = payload?.[0]?.payload as (typeof data)[number] | undefined;
          if (!active || !d) return null;
          return <ChartTooltip title={d.period} lines={tooltip(d.point)} />;
        }}
      />
      <Line
        dataKey="value"
        name={name}
        stroke={colour}
        strokeWidth={2}
        connectNulls={false}
        dot={lineDots(
          data.map((d) => d.value),
          colour,
          MAX_POINTS_WITH_DOTS,
        )}
        isAnimationActive={false}
      />
      {onLayout && <PeriodProbe periods={data.map((d) => d.period)} onLayout={onLayout} />}
    </LineChart>,
  );
}
