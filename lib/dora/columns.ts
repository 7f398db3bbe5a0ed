// The CSV column dictionary (spec §6): which columns each metric group produces, in order.
import type { Aggregation, MetricGroup } from "./types";

export const HIERARCHY_COLUMNS = [
  "Team_Id",
  "Team_Ref_Id",
  "Team_Name",
  "Parent_Team_Id",
  "Team_Hierarchy",
  "Org_Tree",
  "Period",
  "Start_Date",
  "End_Date",
] as const;

export const AGG_LABEL: Record<Aggregation, string> = { mean: "Mean", median: "Median", p90: "P90", p95: "P95" };

export const STAGES = ["PLANNING", "CODING", "REVIEW", "BUILD", "DEPLOY"] as const;
export type Stage = (typeof STAGES)[number];

/** Columns of one group for an aggregation. `rating` lists every rating column; see `columnsFor`. */
export function groupColumns(group: MetricGroup, agg: Aggregation): string[] {
  const a = AGG_LABEL[agg];
  switch (group) {
    case "lttc":
      return [...STAGES.map((s) => `${s}_${a}_Days`), `LTTC_${a}_Days`, "LTTC_Change_Count"];
    case "work_items":
      return ["TOTAL_WORK_ITEMS", "PR_ASSOCIATIONS", "PERCENTAGE_PR_ASSOCIATED"];
    case "deployment_frequency":
      return ["DF_Deployment_Count", "DF_Per_Day"];
    case "cfr":
      return ["CFR_Total_Success", "CFR_Total_Failures", "CFR_Percent"];
    case "mttr":
      return [`MTTR_${a}_Days`, "MTTR_Incident_Count"];
    case "fdrt":
      return [`FDRT_${a}_Days`, "FDRT_Failure_Count"];
    case "rework":
      return ["REWORK_Deployment_Count", "REWORK_Percent"];
    case "rating":
      return ["LTTC_Rating", "DF_Rating", "CFR_Rating", "MTTR_Rating", "FDRT_Rating", "OVERALL_RATING"];
    case "summary":
      return [];
  }
}

const RATED_GROUP: Record<string, MetricGroup> = {
  LTTC_Rating: "lttc",
  DF_Rating: "deployment_frequency",
  CFR_Rating: "cfr",
  MTTR_Rating: "mttr",
  FDRT_Rating: "fdrt",
};

/** The metric columns (after the hierarchy columns) that the chosen groups produce, in CSV order. */
export function columnsFor(groups: readonly MetricGroup[], agg: Aggregation): string[] {
  const chosen = new Set(groups);
  const out: string[] = [];
  for (const group of [
    "lttc",
    "work_items",
    "deployment_frequency",
    "cfr",
    "mttr",
    "fdrt",
    "rework",
    "rating",
  ] as const) {
    if (!chosen.has(group)) continue;
    for (const col of groupColumns(group, agg)) {
      const ratedGroup = RATED_GROUP[col];
      if (group === "rating" && ratedGroup && !chosen.has(ratedGroup)) continue;
      out.push(col);
    }
  }
  return out;
}

/** Column kinds, for number formatting (spec §6). */
export type ColumnKind = "text" | "days" | "percent" | "perDay" | "count";

export function columnKind(col: string): ColumnKind {
  if (col.endsWith("_Days")) return "days";
  if (col === "CFR_Percent" || col === "PERCENTAGE_PR_ASSOCIATED" || col === "REWORK_Percent") return "percent";
  if (col === "DF_Per_Day") return "perDay";
  if (col.endsWith("_Rating") || col === "OVERALL_RATING") return "text";
  if ((HIERARCHY_COLUMNS as readonly string[]).includes(col) && col !== "Team_Ref_Id") return "text";
  return "count";
}
