// How many teams sit at each level, period by period: the org comparison's stacked bars. A team's
// level in a period is the export's rating of that period's row when the file has the rating
// column, else rated here from the period's figure with the view's benchmark set. Pure.
import { type BenchmarkSet, overallRating, rate, type RatedMetric, type Rating } from "@/lib/dora";
import { extraColumns, numberIn, ratingIn } from "./comparison";
import { teamRows, type ParsedExport, type PeriodRow } from "./model";
import { cfrTotal, figure, periodDays } from "./series";

export type LevelMetric = "overall" | RatedMetric | "FDRT";

export interface PeriodLevels {
  period: string;
  start: string | null;
  end: string | null;
  Elite: number;
  High: number;
  Medium: number;
  Low: number;
  /** Teams with a row for the period but no rating in it (no data). */
  none: number;
}

type Model = Pick<ParsedExport, "columns" | "cells" | "teams" | "metricColumns" | "ratingColumns" | "aggregation">;

const RATING_KEY = { LTTC: "lttcRating", DF: "dfRating", CFR: "cfrRating", MTTR: "mttrRating" } as const;

/** The figure of a period row as the scorecards read it: days, deployments per day, percent. */
function periodFigure(row: PeriodRow, model: Model, metric: RatedMetric): number | null {
  const f = (key: Parameters<typeof figure>[2]) => figure(row, model.metricColumns, key);
  switch (metric) {
    case "LTTC":
      return f("lttc");
    case "MTTR":
      return f("mttr");
    case "DF": {
      const days = periodDays(row.start, row.end);
      const count = f("dfCount");
      return f("dfPerDay") ?? (count === null || !days ? null : count / days);
    }
    case "CFR": {
      const failures = f("cfrFailures");
      const total = cfrTotal(f("cfrSuccess"), failures);
      return f("cfrPercent") ?? (total ? (100 * (failures ?? 0)) / total : null);
    }
  }
}

/** One period row's level of a metric. */
export function periodLevel(row: PeriodRow, model: Model, metric: LevelMetric, set: BenchmarkSet): Rating | null {
  if (metric === "FDRT") {
    const cols = extraColumns(model);
    return cols.fdrtRating ? ratingIn(row, cols.fdrtRating) : rate("MTTR", numberIn(row, cols.fdrt), set);
  }
  if (metric === "overall") {
    const col = model.ratingColumns.overallRating;
    if (col !== undefined) return ratingIn(row, col);
    return overallRating((["LTTC", "DF", "CFR", "MTTR"] as const).map((m) => periodLevel(row, model, m, set)));
  }
  const col = model.ratingColumns[RATING_KEY[metric]];
  return col !== undefined ? ratingIn(row, col) : rate(metric, periodFigure(row, model, metric), set);
}

/**
 * For the given teams, how many are at each level in each period (periods of every team, ordered
 * by their start date, then name). The TOTAL rows are not periods.
 */
export function levelsByPeriod(
  model: Model,
  teamIds: ReadonlySet<string>,
  metric: LevelMetric,
  set: BenchmarkSet,
): PeriodLevels[] {
  const byPeriod = new Map<string, PeriodLevels>();
  for (const team of model.teams) {
    if (!teamIds.has(team.id)) continue;
    for (const row of teamRows(model, team).periods) {
      let entry = byPeriod.get(row.period);
      if (!entry) {
        entry = { period: row.period, start: row.start, end: row.end, Elite: 0, High: 0, Medium: 0, Low: 0, none: 0 };
        byPeriod.set(row.period, entry);
      }
      const level = periodLevel(row, model, metric, set);
      if (level) entry[level]++;
      else entry.none++;
    }
  }
  return [...byPeriod.values()].sort((a, b) => {
    const x = a.start ?? "";
    const y = b.start ?? "";
    if (x !== y) return x < y ? -1 : 1;
    return a.period < b.period ? -1 : a.period > b.period ? 1 : 0;
  });
}
