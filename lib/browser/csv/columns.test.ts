import { describe, expect, it } from "vitest";
import { classifyColumn, pickMetricColumns } from "./columns";

describe("classifyColumn", () => {
  it.each([
    ["Team_Id", { role: "hierarchy", hierarchy: "Team_Id" }],
    ["team_id", { role: "hierarchy", hierarchy: "Team_Id" }],
    ["PLANNING_Mean_Days", { role: "metric", key: "planning", aggregation: "mean", kind: "days" }],
    ["DEPLOY_P95_Days", { role: "metric", key: "deploy", aggregation: "p95", kind: "days" }],
    ["MTTR_Median_Days", { role: "metric", key: "mttr", aggregation: "median" }],
    ["LTTC_Change_Count", { role: "metric", key: "lttcCount", aggregation: null, kind: "count" }],
    ["CFR_Percent", { role: "metric", key: "cfrPercent", kind: "percent" }],
    ["DF_Per_Day", { role: "metric", key: "dfPerDay", kind: "perDay" }],
    ["OVERALL_RATING", { role: "rating", key: "overallRating" }],
    ["CFR_Rating", { role: "rating", key: "cfrRating" }],
    ["FDRT_Median_Days", { role: "metric", key: "fdrt", aggregation: "median", kind: "days" }],
    ["FDRT_Failure_Count", { role: "metric", key: "fdrtCount", aggregation: null, kind: "count" }],
    ["REWORK_Deployment_Count", { role: "metric", key: "reworkCount", aggregation: null, kind: "count" }],
    ["REWORK_Percent", { role: "metric", key: "reworkPercent", aggregation: null, kind: "percent" }],
    ["FDRT_Rating", { role: "rating", key: "fdrtRating" }],
    ["REWORK_Rating", { role: "unknown" }],
    ["LTTC_P99_Days", { role: "unknown" }],
    ["WIDGET_Mean_Days", { role: "unknown" }],
    ["DF_Something_New", { role: "unknown" }],
  ])("%s", (name, expected) => {
    expect(classifyColumn(name)).toMatchObject({ name, ...expected });
  });
});

describe("pickMetricColumns", () => {
  it("charts the first aggregation of the header and keeps plain columns", () => {
    const cols = ["LTTC_P90_Days", "LTTC_Mean_Days", "MTTR_Mean_Days", "MTTR_P90_Days", "DF_Deployment_Count"].map(
      classifyColumn,
    );
    expect(pickMetricColumns(cols)).toEqual({
      aggregation: "p90",
      metrics: { lttc: "LTTC_P90_Days", mttr: "MTTR_P90_Days", dfCount: "DF_Deployment_Count" },
      ratings: {},
    });
  });
});
