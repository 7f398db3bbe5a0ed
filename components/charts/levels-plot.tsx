"use client";

// How many teams sit at each level, period by period, as stacked bars (Elite at the bottom).
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { niceAxis, type PeriodLevels } from "@/lib/browser";
import { ChartTooltip } from "./chart-tooltip";
import { sized } from "./sized";
import { AXIS_TICK, CHART_MARGIN, LEVEL_STACK } from "./theme";

export interface LevelsPlotProps {
  points: PeriodLevels[];
  width?: number;
}

export default function LevelsPlot({ points, width }: LevelsPlotProps) {
  const totals = points.map((p) => LEVEL_STACK.reduce((n, l) => n + p[l.key], 0));
  const { top, ticks } = niceAxis(totals, 4);
  return sized(
    width,
    <BarChart data={points} margin={CHART_MARGIN} accessibilityLayer={false}>
      <CartesianGrid stroke="currentColor" strokeOpacity={0.12} vertical={false} />
      <XAxis dataKey="period" tick={AXIS_TICK} stroke="currentColor" strokeOpacity={0.4} />
      <YAxis
        domain={[0, top]}
        ticks={ticks.filter(Number.isInteger)}
        allowDecimals={false}
        tick={AXIS_TICK}
        stroke="currentColor"
        strokeOpacity={0.4}
        width={40}
      />
      <Tooltip
        cursor={{ fill: "currentColor", fillOpacity: 0.06 }}
        content={({ active, payload }) => {
          const p = payload?.[0]?.payload as PeriodLevels | undefined;
          if (!active || !p) return null;
          const lines = [...LEVEL_STACK]
            .reverse()
            .map((l) => ({ label: l.label, value: String(p[l.key]), colour: l.colour }));
          return <ChartTooltip title={p.period} lines={lines} />;
        }}
      />
      {LEVEL_STACK.map((l) => (
        <Bar
          key={l.key}
          dataKey={l.key}
          name={l.label}
          stackId="levels"
          fill={l.colour}
          isAnimationActive={false}
          maxBarSize={48}
        />
      ))}
    </BarChart>,
  );
}
