"use client";

import { Bar, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";
import { STAGES, ratingBands } from "@/lib/dora";
import { formatCount, formatDuration, type LttcPoint, niceAxis } from "@/lib/browser";
import { useChartNotes } from "./mark-context";
import { noteMarks } from "./marks";
import { bandAreas, lineDots } from "./bands";
import { ChartTooltip } from "./chart-tooltip";
import { PeriodProbe } from "./period-probe";
import type { LttcPlotProps } from "./plot-props";
import { sized } from "./sized";
import { AXIS_TICK, CHART_MARGIN, MAX_POINTS_WITH_DOTS, STAGE_COLOURS } from "./theme";

export default function LttcPlot({ points, benchmark, width, onLayout }: LttcPlotProps) {
  const notes = useChartNotes();
  const stackTops = points.map((p) =>
    STAGES.reduce<number | null>((s, k) => (p[k] === null ? s : (s ?? 0) + p[k]), null),
  );
  const { top: yMax, ticks } = niceAxis([...points.map((p) => p.LTTC), ...stackTops], 1);
  return sized(
    width,
    <ComposedChart data={points} margin={CHART_MARGIN} accessibilityLayer={false}>
      {bandAreas(ratingBands("LTTC", benchmark), yMax)}
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
        tickFormatter={(v: number) => (v === 0 ? "0" : formatDuration(v))}
        width={64}
      />
      <Tooltip
        cursor={{ fill: "currentColor", fillOpacity: 0.06 }}
        content={({ active, payload }) => {
          const p = payload?.[0]?.payload as LttcPoint | undefined;
          if (!active || !p) return null;
          const lines = [
            { label: "Lead time", value: formatDuration(p.LTTC) },
            ...STAGES.map((s) => ({ label: title(s), value: formatDuration(p[s]), colour: STAGE_COLOURS[s] })),
            { label: "Changes", value: formatCount(p.changes) },
          ];
          return <ChartTooltip title={p.period} lines={lines} />;
        }}
      />
      {STAGES.map((s) => (
        <Bar
          key={s}
          dataKey={s}
          name={title(s)}
          stackId="stages"
          fill={STAGE_COLOURS[s]}
          isAnimationActive={false}
          maxBarSize={48}
        />
      ))}
      <Line
        dataKey="LTTC"
        name="Lead time"
        stroke="currentColor"
        strokeWidth={2}
        connectNulls={false}
        dot={lineDots(
          points.map((p) => p.LTTC),
          "currentColor",
          MAX_POINTS_WITH_DOTS,
        )}
        isAnimationActive={false}
      />
      {onLayout && <PeriodProbe periods={points.map((p) => p.period)} onLayout={onLayout} />}
    </ComposedChart>,
  );
}

function title(stage: string): string {
  return stage.charAt(0) + stage.slice(1).toLowerCase();
}
