// Recognises the columns of a Fourfold or Harness SEI export (spec §6), whatever the aggregation.
import { AGG_LABEL, HIERARCHY_COLUMNS, columnKind, type ColumnKind, type Aggregation } from "@/lib/dora";

export type HierarchyColumn = (typeof HIERARCHY_COLUMNS)[number];

/** Canonical names of the figures the charts and scorecards read. */
export type MetricKey =
  | "planning"
  | "coding"
  | "review"
  | "build"
  | "deploy"
  | "lttc"
  | "lttcCount"
  | "workItems"
  | "prAssociations"
  | "prAssociatedPercent"
  | "dfCount"
  | "dfPerDay"
  | "cfrSuccess"
  | "cfrFailures"
  | "cfrPercent"
  | "mttr"
  | "mttrCount"
  | "fdrt"
  | "fdrtCount"
  | "reworkCount"
  | "reworkPercent";

export type RatingKey = "lttcRating" | "dfRating" | "cfrRating" | "mttrRating" | "fdrtRating" | "overallRating";

export type ColumnInfo =
  | { name: string; role: "hierarchy"; hierarchy: HierarchyColumn; kind: ColumnKind }
  | { name: string; role: "metric"; key: MetricKey; aggregation: Aggregation | null; kind: ColumnKind }
  | { name: string; role: "rating"; key: RatingKey; kind: "text" }
  | { name: string; role: "unknown"; kind: "text" };

const AGG_BY_LABEL = new Map(
  Object.entries(AGG_LABEL).map(([agg, label]) => [label.toLowerCase(), agg as Aggregation]),
);

const AGG_METRICS: Record<string, MetricKey> = {
  PLANNING: "planning",
  CODING: "coding",
  REVIEW: "review",
  BUILD: "build",
  DEPLOY: "deploy",
  LTTC: "lttc",
  MTTR: "mttr",
  FDRT: "fdrt",
};

const PLAIN_METRICS: Record<string, MetricKey> = {
  LTTC_CHANGE_COUNT: "lttcCount",
  TOTAL_WORK_ITEMS: "workItems",
  PR_ASSOCIATIONS: "prAssociations",
  PERCENTAGE_PR_ASSOCIATED: "prAssociatedPercent",
  DF_DEPLOYMENT_COUNT: "dfCount",
  DF_PER_DAY: "dfPerDay",
  CFR_TOTAL_SUCCESS: "cfrSuccess",
  CFR_TOTAL_FAILURES: "cfrFailures",
  CFR_PERCENT: "cfrPercent",
  MTTR_INCIDENT_COUNT: "mttrCount",
  FDRT_FAILURE_COUNT: "fdrtCount",
  REWORK_DEPLOYMENT_COUNT: "reworkCount",
  REWORK_PERCENT: "reworkPercent",
};

const RATING_COLUMNS: Record<string, RatingKey> = {
  LTTC_RATING: "lttcRating",
  DF_RATING: "dfRating",
  CFR_RATING: "cfrRating",
  MTTR_RATING: "mttrRating",
  FDRT_RATING: "fdrtRating",
  OVERALL_RATING: "overallRating",
};

const HIERARCHY_BY_UPPER = new Map(HIERARCHY_COLUMNS.map((c) => [c.toUpperCase(), c]));
const AGG_COLUMN = /^([A-Z]+)_(MEAN|MEDIAN|P90|P95)_DAYS$/;

/** What a header cell names; matching is case-insensitive, the original spelling is kept in `name`. */
export function classifyColumn(name: string): ColumnInfo {
  const upper = name.trim().toUpperCase();
  const hierarchy = HIERARCHY_BY_UPPER.get(upper);
  if (hierarchy) return { name, role: "hierarchy", hierarchy, kind: columnKind(hierarchy) };
  const rating = RATING_COLUMNS[upper];
  if (rating) return { name, role: "rating", key: rating, kind: "text" };
  const plain = PLAIN_METRICS[upper];
  if (plain) return { name, role: "metric", key: plain, aggregation: null, kind: columnKind(canonicalPlain(upper)) };
  const m = AGG_COLUMN.exec(upper);
  const key = m ? AGG_METRICS[m[1]!] : undefined;
  if (m && key)
    return { name, role: "metric", key, aggregation: AGG_BY_LABEL.get(m[2]!.toLowerCase()) ?? null, kind: "days" };
  return { name, role: "unknown", kind: "text" };
}

function canonicalPlain(upper: string): string {
  if (upper === "PERCENTAGE_PR_ASSOCIATED" || upper === "CFR_PERCENT" || upper === "REWORK_PERCENT")
    return "CFR_Percent";
  if (upper === "DF_PER_DAY") return "DF_Per_Day";
  return "count";
}

/**
 * Which column feeds each figure. With several aggregations in one file (Harness can send
 * Mean and P90 side by side) the first aggregation met in the header is charted; the others
 * stay in the table.
 */
export function pickMetricColumns(columns: readonly ColumnInfo[]): {
  aggregation: Aggregation | null;
  metrics: Partial<Record<MetricKey, string>>;
  ratings: Partial<Record<RatingKey, string>>;
} {
  const aggregation = columns.find((c) => c.role === "metric" && c.aggregation !== null);
  const chosen = aggregation?.role === "metric" ? aggregation.aggregation : null;
  const metrics: Partial<Record<MetricKey, string>> = {};
  const ratings: Partial<Record<RatingKey, string>> = {};
  for (const c of columns) {
    if (c.role === "metric" && (c.aggregation === null || c.aggregation === chosen)) metrics[c.key] ??= c.name;
    if (c.role === "rating") ratings[c.key] ??= c.name;
  }
  return { aggregation: chosen, metrics, ratings };
}
