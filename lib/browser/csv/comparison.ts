// An org tree's teams side by side: one row per team, in tree order with its depth, and per metric
// the figure over the range with its rating. Read from the org-tree export's model (every team's
// rows are in it). FDRT and rework come in when the file has their columns (spec §6, groups `fdrt`
// and `rework`), whether or not this reader knows them as metrics. Pure.
import { type BenchmarkSet, rate, type Rating } from "@/lib/dora";
import { parseNumber, parseRating } from "./cells";
import { teamRows, type ParsedExport, type PeriodRow, type TeamExport } from "./model";
import { sum, summarise, weightedMean } from "./summary";

export const COMPARISON_METRICS = ["LTTC", "DF", "CFR", "MTTR", "FDRT", "REWORK"] as const;
export type ComparisonMetric = (typeof COMPARISON_METRICS)[number];

export interface ComparisonCell {
  /** LTTC, MTTR and FDRT in days, DF in deployments per day, CFR and rework in percent. */
  value: number | null;
  /** Null when the figure is empty, and always for rework (DORA gives it no levels). */
  rating: Rating | null;
}

export interface ComparisonRow {
  id: string;
  name: string;
  /** 0 for the tree's root. */
  depth: number;
  parentId: string | null;
  /** Ids from the root down to the parent. */
  ancestors: string[];
  hasChildren: boolean;
  /** Tree order (depth-first, children in file order). */
  order: number;
  cells: Record<ComparisonMetric, ComparisonCell>;
  overall: Rating | null;
}

export interface Comparison {
  /** The metrics the file has columns for, in COMPARISON_METRICS order. */
  metrics: ComparisonMetric[];
  rows: ComparisonRow[];
  /** The deepest depth among the rows (0 when only the root). */
  maxDepth: number;
}

/** The column names of the newer groups, as the file spells them; undefined when absent. */
export interface ExtraColumns {
  fdrt?: string;
  fdrtCount?: string;
  fdrtRating?: string;
  reworkCount?: string;
  reworkPercent?: string;
}

type Model = Pick<ParsedExport, "columns" | "cells" | "teams" | "metricColumns" | "ratingColumns" | "aggregation">;

/** Finds the `fdrt` and `rework` columns (spec §6), of the aggregation the charts use when there are several. */
export function extraColumns(model: Pick<ParsedExport, "columns" | "aggregation">): ExtraColumns {
  const names = model.columns.map((c) => c.name);
  const exact = (want: string) => names.find((n) => n.trim().toUpperCase() === want);
  const fdrtDays = names.filter((n) => /^FDRT_(MEAN|MEDIAN|P90|P95)_DAYS$/i.test(n.trim()));
  const agg = model.aggregation === null ? null : model.aggregation.toUpperCase();
  const fdrt = fdrtDays.find((n) => n.trim().toUpperCase() === `FDRT_${agg}_DAYS`) ?? fdrtDays[0];
  return {
    fdrt,
    fdrtCount: exact("FDRT_FAILURE_COUNT"),
    fdrtRating: exact("FDRT_RATING"),
    reworkCount: exact("REWORK_DEPLOYMENT_COUNT"),
    reworkPercent: exact("REWORK_PERCENT"),
  };
}

/** A number of a row by column name, whether the reader stored it as a metric or as unknown text. */
export function numberIn(row: PeriodRow, name: string | undefined): number | null {
  if (name === undefined) return null;
  if (name in row.values) return row.values[name] ?? null;
  return parseNumber(row.extra[name] ?? undefined).value;
}

/** A rating of a row by column name, wherever the reader stored it. */
export function ratingIn(row: PeriodRow, name: string | undefined): Rating | null {
  if (name === undefined) return null;
  if (name in row.ratings) return row.ratings[name] ?? null;
  return parseRating(row.extra[name] ?? undefined).value;
}

/** FDRT and rework over a team's range: the TOTAL row's, else rolled up from its periods. */
export function newerFigures(
  total: PeriodRow | null,
  periods: readonly PeriodRow[],
  cols: ExtraColumns,
  dfCount: string | undefined,
  set: BenchmarkSet,
): { FDRT: ComparisonCell; REWORK: ComparisonCell } {
  if (total) {
    const fdrt = numberIn(total, cols.fdrt);
    return {
      // The export's own rating wins: it was made with the benchmark the export asked for.
      FDRT: { value: fdrt, rating: cols.fdrtRating ? ratingIn(total, cols.fdrtRating) : rate("MTTR", fdrt, set) },
      REWORK: { value: numberIn(total, cols.reworkPercent), rating: null },
    };
  }
  const fdrt = weightedMean(periods.map((r) => [numberIn(r, cols.fdrt), numberIn(r, cols.fdrtCount)])).value;
  const rework = sum(periods.map((r) => numberIn(r, cols.reworkCount)));
  const deployments = sum(periods.map((r) => numberIn(r, dfCount)));
  return {
    FDRT: { value: fdrt, rating: rate("MTTR", fdrt, set) },
    REWORK: { value: rework === null || !deployments ? null : (100 * rework) / deployments, rating: null },
  };
}

/** Teams in tree order: depth-first from each team whose parent is not in the file, children in file order. */
export function treeOrder(teams: readonly Pick<TeamExport, "id" | "parentId">[]): {
  index: number;
  depth: number;
  ancestors: string[];
}[] {
  const ids = new Set(teams.map((t) => t.id));
  const children = new Map<string, number[]>();
  const roots: number[] = [];
  teams.forEach((t, i) => {
    if (t.parentId === null || !ids.has(t.parentId) || t.parentId === t.id) roots.push(i);
    else {
      const list = children.get(t.parentId);
      if (list) list.push(i);
      else children.set(t.parentId, [i]);
    }
  });
  const out: { index: number; depth: number; ancestors: string[] }[] = [];
  const seen = new Set<number>();
  const visit = (i: number, depth: number, ancestors: string[]) => {
    if (seen.has(i)) return;
    seen.add(i);
    out.push({ index: i, depth, ancestors });
    const id = teams[i]!.id;
    for (const c of children.get(id) ?? []) visit(c, depth + 1, [...ancestors, id]);
  };
  roots.forEach((i) => visit(i, 0, []));
  // A cycle of parents leaves teams unreached: they are listed at the top level, not dropped.
  teams.forEach((_, i) => visit(i, 0, []));
  return out;
}

export function compareTeams(model: Model, set: BenchmarkSet): Comparison {
  const cols = extraColumns(model);
  const metrics = COMPARISON_METRICS.filter((m) => {
    switch (m) {
      case "LTTC":
        return model.metricColumns.lttc !== undefined;
      case "DF":
        return model.metricColumns.dfCount !== undefined || model.metricColumns.dfPerDay !== undefined;
      case "CFR":
        return model.metricColumns.cfrPercent !== undefined || model.metricColumns.cfrFailures !== undefined;
      case "MTTR":
        return model.metricColumns.mttr !== undefined;
      case "FDRT":
        return cols.fdrt !== undefined;
      case "REWORK":
        return cols.reworkPercent !== undefined || cols.reworkCount !== undefined;
    }
  });
  const order = treeOrder(model.teams);
  const parents = new Set(model.teams.map((t) => t.parentId));
  const rows = order.map(({ index, depth, ancestors }, n): ComparisonRow => {
    const team = model.teams[index]!;
    const data = teamRows(model, team);
    const s = summarise(data, model, set);
    const newer = newerFigures(data.total, data.periods, cols, model.metricColumns.dfCount, set);
    const cell = (c: { value: number | null; rating: Rating | null }) => ({ value: c.value, rating: c.rating });
    return {
      id: team.id,
      name: team.name,
      depth,
      parentId: team.parentId,
      ancestors,
      hasChildren: parents.has(team.id),
      order: n,
      cells: { LTTC: cell(s.LTTC), DF: cell(s.DF), CFR: cell(s.CFR), MTTR: cell(s.MTTR), ...newer },
      overall: s.overall,
    };
  });
  return { metrics, rows, maxDepth: Math.max(0, ...rows.map((r) => r.depth)) };
}
