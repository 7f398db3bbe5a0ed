// The legacy Reports API's figures (spec §7): one row per team over the whole range, cells formatted.
import { defaultBenchmarkSet } from "./benchmarks";
import { AGG_LABEL } from "./columns";
import { csvLine, escapeText, formatNumber } from "./csv";
import { buildPopulations, tablesFor } from "./figures/tables";
import type { Dataset } from "./figures/types";
import { rowValues } from "./figures/values";
import {
  LEGACY_METRICS,
  type LegacyMetric,
  type LegacyReportRequest as ParsedLegacyReportRequest,
} from "./schemas/legacy-report";
import { buildHierarchy, resolveRefId } from "./hierarchy";
import { periodLengthDays, wholeRange } from "./periods";
import type { Aggregation, MetricGroup } from "./types";

export type LegacyGranularity = "daily" | "weekly" | "monthly";
export type CalculationType = "MEAN" | "MEDIAN" | "P90" | "P95";

/** A parsed legacy request (its schema is the one source); the figures also take a time zone. */
export type LegacyReportRequest = ParsedLegacyReportRequest & { timezone?: string };

export interface LegacyReport {
  columns: string[];
  /** Formatted cells; text cells already escaped against formula injection, not yet quoted. */
  rows: string[][];
}

export const LEGACY_UNIT_DAYS: Record<LegacyGranularity, number> = { daily: 1, weekly: 7, monthly: 30.4375 };
const AGG: Record<CalculationType, Aggregation> = { MEAN: "mean", MEDIAN: "median", P90: "p90", P95: "p95" };

const GROUP_OF: readonly [MetricGroup, LegacyMetric][] = [
  ["lttc", "LEAD_TIME_FOR_CHANGES"],
  ["deployment_frequency", "DEPLOYMENT_FREQUENCY"],
  ["cfr", "CHANGE_FAILURE_RATE"],
  ["mttr", "MEAN_TIME_TO_RESTORE"],
];

/** Throws ScopeNotFoundError for an unknown teamRefId. OVERALL_DORA rates DF per day, with the default set. */
export function computeLegacyReport(ds: Dataset, req: LegacyReportRequest): LegacyReport {
  const wanted = new Set(req.metrics.length === 0 ? LEGACY_METRICS : req.metrics);
  const metrics = LEGACY_METRICS.filter((m) => wanted.has(m));
  const teams = resolveRefId(buildHierarchy(ds.teams), req.teamRefId);
  const total = wholeRange({ start: req.dateStart, end: req.dateEnd }, req.timezone ?? "UTC");
  const days = periodLengthDays(total);
  const agg = AGG[req.calculationType];
  const needed = new Set<MetricGroup>();
  for (const [group, metric] of GROUP_OF) if (wanted.has(metric) || wanted.has("OVERALL_DORA")) needed.add(group);
  if (wanted.has("OVERALL_DORA")) needed.add("rating");
  const tables = tablesFor(buildPopulations(ds, teams, needed, total), [total]);
  const ctx = { groups: needed, agg, benchmark: defaultBenchmarkSet() };

  const rows = teams.map((scoped, t) => {
    const v = rowValues(tables, ctx, { team: t, end: scoped.end, period: 0 }, days);
    const team = scoped.node.team;
    const cells = [String(team.refId), escapeText(team.name), escapeText(scoped.node.path)];
    for (const m of metrics) cells.push(legacyCell(m, v, days / LEGACY_UNIT_DAYS[req.granularity], agg));
    return cells;
  });
  return { columns: ["Team_Ref_Id", "Team_Name", "Team_Hierarchy", ...metrics], rows };
}

function legacyCell(
  m: LegacyMetric,
  v: Record<string, number | string | null>,
  units: number,
  agg: Aggregation,
): string {
  const label = AGG_LABEL[agg];
  const num = (x: number | string | null | undefined) => (typeof x === "number" ? x : null);
  switch (m) {
    case "LEAD_TIME_FOR_CHANGES":
      return formatNumber("LTTC_Days", num(v[`LTTC_${label}_Days`]));
    case "DEPLOYMENT_FREQUENCY":
      return formatNumber("DF_Per_Day", (num(v.DF_Deployment_Count) ?? Number.NaN) / units);
    case "CHANGE_FAILURE_RATE":
      return formatNumber("CFR_Percent", num(v.CFR_Percent));
    case "MEAN_TIME_TO_RESTORE":
      return formatNumber("MTTR_Days", num(v[`MTTR_${label}_Days`]));
    case "OVERALL_DORA":
      return typeof v.OVERALL_RATING === "string" ? v.OVERALL_RATING : "";
  }
}

/** The report as CSV text; no rows gives an empty body (spec §7). */
export function legacyReportCsv(report: LegacyReport): string {
  if (report.rows.length === 0) return "";
  return csvLine(report.columns) + report.rows.map(csvLine).join("");
}
