// One row's figures from the bucketed populations (spec §4.3–§4.9).
import type { BenchmarkSet } from "../benchmarks";
import { AGG_LABEL, STAGES } from "../columns";
import { overallRating, rate } from "../ratings";
import { AGGREGATIONS, type Aggregation, type MetricGroup, type Rating } from "../types";
import { aggregateOf, countOf, sumOf, type Buckets, type Cell } from "./buckets";
import { DEPLOY_COLS, LTTC_COLS } from "./populations";
import type { CellValue } from "./types";

export interface Tables {
  lttc: Buckets | null;
  deployments: Buckets | null;
  incidents: Buckets | null;
  workItems: Buckets | null;
  fdrt: Buckets | null;
  rework: Buckets | null;
  scratch: Float64Array;
}

interface DaysColumns {
  stages: readonly (readonly [(typeof STAGES)[number], string])[];
  lttc: string;
  mttr: string;
  fdrt: string;
}

function daysColumns(agg: Aggregation): DaysColumns {
  const a = AGG_LABEL[agg];
  return {
    stages: STAGES.map((stage) => [stage, `${stage}_${a}_Days`] as const),
    lttc: `LTTC_${a}_Days`,
    mttr: `MTTR_${a}_Days`,
    fdrt: `FDRT_${a}_Days`,
  };
}

/** The duration columns' names per aggregation, built once: a row is written 79,000 times an export. */
const DAYS_COLUMNS = new Map<Aggregation, DaysColumns>(AGGREGATIONS.map((agg) => [agg, daysColumns(agg)]));

export interface CellContext {
  groups: ReadonlySet<MetricGroup>;
  agg: Aggregation;
  benchmark: BenchmarkSet;
}

/**
 * Figures of the subtree [team, end) in one period (or all of them: period -1), keyed by column;
 * ratings when the group is chosen. `lengthDays` is the row's length for DF_Per_Day.
 */
export function rowValues(tables: Tables, ctx: CellContext, cell: Cell, lengthDays: number): Record<string, CellValue> {
  const names = DAYS_COLUMNS.get(ctx.agg)!;
  const out: Record<string, CellValue> = {};
  let lttc: number | null = null;
  let perDay: number | null = null;
  let cfr: number | null = null;
  let mttr: number | null = null;
  let fdrt: number | null = null;
  if (tables.lttc) {
    for (const [stage, name] of names.stages)
      out[name] = aggregateOf(tables.lttc, LTTC_COLS[stage], cell, ctx.agg, tables.scratch);
    lttc = aggregateOf(tables.lttc, LTTC_COLS.LTTC, cell, ctx.agg, tables.scratch);
    out[names.lttc] = lttc;
    out.LTTC_Change_Count = countOf(tables.lttc, cell);
  }
  if (tables.workItems) {
    const total = countOf(tables.workItems, cell);
    const associated = sumOf(tables.workItems, 0, cell);
    out.TOTAL_WORK_ITEMS = total;
    out.PR_ASSOCIATIONS = associated;
    out.PERCENTAGE_PR_ASSOCIATED = total === 0 ? null : (100 * associated) / total;
  }
  if (tables.deployments) {
    const count = sumOf(tables.deployments, DEPLOY_COLS.SUCCESS, cell);
    perDay = count / lengthDays;
    out.DF_Deployment_Count = count;
    out.DF_Per_Day = perDay;
    const population = countOf(tables.deployments, cell);
    const failures = sumOf(tables.deployments, DEPLOY_COLS.FAILURE, cell);
    cfr = population === 0 ? null : (100 * failures) / population;
    out.CFR_Total_Success = population - failures;
    out.CFR_Total_Failures = failures;
    out.CFR_Percent = cfr;
  }
  if (tables.incidents) {
    mttr = aggregateOf(tables.incidents, 0, cell, ctx.agg, tables.scratch);
    out[names.mttr] = mttr;
    out.MTTR_Incident_Count = countOf(tables.incidents, cell);
  }
  if (tables.fdrt) {
    fdrt = aggregateOf(tables.fdrt, 0, cell, ctx.agg, tables.scratch);
    out[names.fdrt] = fdrt;
    out.FDRT_Failure_Count = countOf(tables.fdrt, cell);
  }
  if (tables.rework) {
    const population = countOf(tables.rework, cell);
    const rework = sumOf(tables.rework, 0, cell);
    out.REWORK_Deployment_Count = rework;
    out.REWORK_Percent = population === 0 ? null : (100 * rework) / population;
  }
  if (ctx.groups.has("rating")) {
    addRatings(out, ctx, { LTTC: lttc, DF: perDay, CFR: cfr, MTTR: mttr });
    // FDRT is rated with the set's MTTR bounds and stays out of the overall rating (§4.13).
    if (ctx.groups.has("fdrt")) out.FDRT_Rating = rate("MTTR", fdrt, ctx.benchmark);
  }
  return out;
}

function addRatings(
  out: Record<string, CellValue>,
  ctx: CellContext,
  v: { LTTC: number | null; DF: number | null; CFR: number | null; MTTR: number | null },
): void {
  const ratings: Record<"LTTC" | "DF" | "CFR" | "MTTR", Rating | null> = {
    LTTC: rate("LTTC", v.LTTC, ctx.benchmark),
    DF: rate("DF", v.DF, ctx.benchmark),
    CFR: rate("CFR", v.CFR, ctx.benchmark),
    MTTR: rate("MTTR", v.MTTR, ctx.benchmark),
  };
  out.LTTC_Rating = ratings.LTTC;
  out.DF_Rating = ratings.DF;
  out.CFR_Rating = ratings.CFR;
  out.MTTR_Rating = ratings.MTTR;
  out.OVERALL_RATING = overallRating(Object.values(ratings));
}
