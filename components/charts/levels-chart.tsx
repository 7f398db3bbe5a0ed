"use client";

// The org comparison's chart: how many of the teams shown sit at each level, period by period.
import { lazy } from "react";
import type { PeriodLevels } from "@/lib/browser";
import { ChartCard } from "./chart-card";
import { PlotSlot } from "./plot-slot";
import { LEVEL_STACK } from "./theme";

const LevelsPlot = lazy(() => import("./levels-plot"));

export interface LevelsChartProps {
  points: PeriodLevels[];
  /** What the level is of, e.g. "Overall level" or "Lead time". */
  of: string;
  /** How many teams are counted. */
  teams: number;
}

export function LevelsChart({ points, of, teams }: LevelsChartProps) {
  const table = {
    columns: [{ label: "Period" }, ...[...LEVEL_STACK].reverse().map((l) => ({ label: l.label, numeric: true }))],
    rows: points.map((p) => ({
      key: p.period,
      cells: [p.period, ...[...LEVEL_STACK].reverse().map((l) => String(p[l.key]))],
    })),
  };
  return (
    <ChartCard
      title={`Teams at each level · ${of}`}
      description={`How many of the ${teams} teams shown sit at each level of ${of.toLowerCase()}, period by period, Elite at the bottom of each bar. “No rating” is a team with no data in that period.`}
      bands={[]}
      bound={String}
      legend={{ label: "Levels", items: [...LEVEL_STACK].map((l) => ({ label: l.label, colour: l.colour })) }}
      table={table}
    >
      <PlotSlot>
        <LevelsPlot points={points} />
      </PlotSlot>
    </ChartCard>
  );
}
