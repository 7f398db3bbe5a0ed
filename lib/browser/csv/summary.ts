// The figures over the whole range that the scorecards show: the export's TOTAL row when it has
// one, else a plain roll-up of the period rows (count-weighted means for the durations).
import { type BenchmarkSet, type RatedMetric, overallRating, rate, type Rating } from "@/lib/dora";
import type { RatingKey } from "./columns";
import type { ParsedExport, PeriodRow, TeamRows } from "./model";
import { cfrTotal, figure, periodDays } from "./series";

export interface MetricSummary {
  /** LTTC and MTTR in days, DF in deployments per day, CFR in percent. */
  value: number | null;
  rating: Rating | null;
  /** Changes, deployments, deployments judged (CFR) or incidents behind the figure. */
  sample: number | null;
}

/** Deployment rework rate: not rated (spec 4.13). */
export interface ReworkSummary {
  /** Percent of the deployments. */
  value: number | null;
  /** The deployments judged. */
  sample: number | null;
  /** Those that were rework. */
  rework: number | null;
}

export interface ExportSummary {
  /** `total`: the export's TOTAL row; `periods`: rolled up here from the period rows. */
  source: "total" | "periods";
  LTTC: MetricSummary;
  DF: MetricSummary;
  CFR: MetricSummary & { failures: number | null };
  MTTR: MetricSummary;
  /** Failed deployment recovery time (rated with the MTTR bounds); null when the file has no FDRT column. */
  FDRT: MetricSummary | null;
  /** Null when the file has no rework column. */
  REWORK: ReworkSummary | null;
  overall: Rating | null;
}

type Model = Pick<ParsedExport, "metricColumns" | "ratingColumns">;

const RATING_KEY: Record<RatedMetric, RatingKey> = {
  LTTC: "lttcRating",
  DF: "dfRating",
  CFR: "cfrRating",
  MTTR: "mttrRating",
};

export function summarise(team: TeamRows, model: Model, set: BenchmarkSet): ExportSummary {
  return team.total ? fromTotal(team.total, model, set) : fromPeriods(team.periods, model, set);
}

function fromTotal(row: PeriodRow, model: Model, set: BenchmarkSet): ExportSummary {
  const f = (key: Parameters<typeof figure>[2]) => figure(row, model.metricColumns, key);
  // The export's own rating wins: it was made with the benchmark the export asked for.
  const rated = (metric: RatedMetric, value: number | null): Rating | null => {
    const col = model.ratingColumns[RATING_KEY[metric]];
    return col !== undefined ? (row.ratings[col] ?? null) : rate(metric, value, set);
  };
  const failures = f("cfrFailures");
  const total = cfrTotal(f("cfrSuccess"), failures);
  const cfr = f("cfrPercent") ?? (total ? (100 * (failures ?? 0)) / total : null);
  const perDay = f("dfPerDay") ?? perDayOf(f("dfCount"), periodDays(row.start, row.end));
  const fdrtCol = model.ratingColumns.fdrtRating;
  const fdrtRating = fdrtCol !== undefined ? (row.ratings[fdrtCol] ?? null) : rate("MTTR", f("fdrt"), set);
  const rework = f("reworkCount");
  const deployments = f("dfCount");
  const out = {
    source: "total" as const,
    LTTC: { value: f("lttc"), rating: rated("LTTC", f("lttc")), sample: f("lttcCount") },
    DF: { value: perDay, rating: rated("DF", perDay), sample: f("dfCount") },
    CFR: { value: cfr, rating: rated("CFR", cfr), sample: total, failures },
    MTTR: { value: f("mttr"), rating: rated("MTTR", f("mttr")), sample: f("mttrCount") },
    FDRT: has(model, "fdrt") ? { value: f("fdrt"), rating: fdrtRating, sample: f("fdrtCount") } : null,
    REWORK: has(model, "rework")
      ? { value: f("reworkPercent") ?? percentOf(rework, deployments), sample: deployments, rework }
      : null,
  };
  const overallCol = model.ratingColumns.overallRating;
  const overall = overallCol !== undefined ? (row.ratings[overallCol] ?? null) : overallOf(out);
  return { ...out, overall };
}

function fromPeriods(rows: readonly PeriodRow[], model: Model, set: BenchmarkSet): ExportSummary {
  const f = (row: PeriodRow, key: Parameters<typeof figure>[2]) => figure(row, model.metricColumns, key);
  const lttc = weightedMean(rows.map((r) => [f(r, "lttc"), f(r, "lttcCount")]));
  const mttr = weightedMean(rows.map((r) => [f(r, "mttr"), f(r, "mttrCount")]));
  const deployments = sum(rows.map((r) => f(r, "dfCount")));
  const days = rows.every((r) => periodDays(r.start, r.end) !== null)
    ? sum(rows.map((r) => periodDays(r.start, r.end)))
    : null;
  const perDay = perDayOf(deployments, days);
  const failures = sum(rows.map((r) => f(r, "cfrFailures")));
  const total = sum(rows.map((r) => cfrTotal(f(r, "cfrSuccess"), f(r, "cfrFailures"))));
  const cfr = total ? (100 * (failures ?? 0)) / total : null;
  const fdrt = weightedMean(rows.map((r) => [f(r, "fdrt"), f(r, "fdrtCount")]));
  const rework = sum(rows.map((r) => f(r, "reworkCount")));
  const out = {
    source: "periods" as const,
    LTTC: { value: lttc.value, rating: rate("LTTC", lttc.value, set), sample: lttc.weight },
    DF: { value: perDay, rating: rate("DF", perDay, set), sample: deployments },
    CFR: { value: cfr, rating: rate("CFR", cfr, set), sample: total, failures },
    MTTR: { value: mttr.value, rating: rate("MTTR", mttr.value, set), sample: mttr.weight },
    FDRT: has(model, "fdrt") ? { value: fdrt.value, rating: rate("MTTR", fdrt.value, set), sample: fdrt.weight } : null,
    REWORK: has(model, "rework") ? { value: percentOf(rework, deployments), sample: deployments, rework } : null,
  };
  return { ...out, overall: overallOf(out) };
}

/** Whether the file has the newer metrics' columns (an FDRT figure; a rework count or percent). */
function has(model: Model, metric: "fdrt" | "rework"): boolean {
  const c = model.metricColumns;
  return metric === "fdrt" ? c.fdrt !== undefined : c.reworkCount !== undefined || c.reworkPercent !== undefined;
}

function percentOf(part: number | null, whole: number | null): number | null {
  return part === null || !whole ? null : (100 * part) / whole;
}

// OVERALL stays over LTTC, DF, CFR and MTTR (spec 4.13): FDRT is not part of it.
function overallOf(s: Pick<ExportSummary, RatedMetric>): Rating | null {
  return overallRating([s.LTTC.rating, s.DF.rating, s.CFR.rating, s.MTTR.rating]);
}

function perDayOf(count: number | null, days: number | null): number | null {
  return count === null || !days ? null : count / days;
}

/** Sum of the present values; null when none is present. */
export function sum(values: readonly (number | null)[]): number | null {
  let total: number | null = null;
  for (const v of values) if (v !== null) total = (total ?? 0) + v;
  return total;
}

/** Mean of values weighted by their counts; periods missing either are left out. */
export function weightedMean(pairs: readonly [number | null, number | null][]): {
  value: number | null;
  weight: number | null;
} {
  let num = 0;
  let weight = 0;
  for (const [v, w] of pairs) {
    if (v === null || w === null || w <= 0) continue;
    num += v * w;
    weight += w;
  }
  return weight > 0 ? { value: num / weight, weight } : { value: null, weight: sum(pairs.map(([, w]) => w)) };
}

export type Direction = "lower" | "higher";

/** The change from a previous figure, in percent, and whether it is an improvement. */
export function changeFrom(
  current: number | null,
  previous: number | null | undefined,
  better: Direction,
): { percent: number; improved: boolean | null } | null {
  if (current === null || previous === null || previous === undefined || previous === 0) return null;
  const percent = (100 * (current - previous)) / Math.abs(previous);
  if (percent === 0) return { percent, improved: null };
  return { percent, improved: better === "lower" ? percent < 0 : percent > 0 };
}
