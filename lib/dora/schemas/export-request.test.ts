import { describe, expect, it } from "vitest";
import {
  HARNESS_DOC_ORG,
  HARNESS_DOC_PROJECT,
  ORG_TREE_EXPORT_BODY,
  TEAM_EXPORT_BODY,
} from "../fixtures/harness-doc-bodies";
import { parseJsonc } from "../jsonc";
import type { ExportParams } from "../types";
import { exportRequestSchema, parseExportRequest, type ExportRequestContext } from "./export-request";

const CTX: ExportRequestContext = {
  orgIdentifier: "org",
  projectIdentifier: "proj",
  benchmarks: ["sei", "dora-2021", "dora-2023", "dora-2024"],
};

type Body = Record<string, unknown>;
const base = (): Body => ({
  scope: { teamId: "team_a" },
  dateRange: { start: "2026-01-01", end: "2026-03-31" },
  metricGroups: ["lttc"],
  options: { granularity: "WEEKLY" },
});
const withOptions = (options: Body): Body => ({ ...base(), options: { granularity: "WEEKLY", ...options } });
const withRange = (start: unknown, end: unknown): Body => ({ ...base(), dateRange: { start, end } });

function fieldsOf(body: unknown): string[] {
  const result = parseExportRequest(body, CTX);
  return result.ok ? [] : result.details.map((d) => d.field);
}

function paramsOf(body: unknown, ctx = CTX): ExportParams {
  const result = parseExportRequest(body, ctx);
  if (!result.ok) throw new Error(JSON.stringify(result.details));
  return result.params;
}

describe("parseExportRequest – one rule per case", () => {
  it.each<[string, unknown, string[]]>([
    ["body not an object", ["lttc"], ["body"]],
    ["body null", null, ["body"]],
    ["unknown top-level field", { ...base(), teamId: "x" }, ["teamId"]],
    ["scope missing", { ...base(), scope: undefined }, ["scope"]],
    [
      "both teamId and orgTreeName",
      { ...base(), scope: { teamId: "a", orgTreeName: "T", orgIdentifier: "org" } },
      ["scope"],
    ],
    ["neither teamId nor orgTreeName", { ...base(), scope: {} }, ["scope"]],
    ["orgTreeName without orgIdentifier", { ...base(), scope: { orgTreeName: "T" } }, ["scope.orgIdentifier"]],
    ["blank teamId", { ...base(), scope: { teamId: "  " } }, ["scope.teamId"]],
    ["numeric teamId", { ...base(), scope: { teamId: 7 } }, ["scope.teamId"]],
    [
      "scope.orgIdentifier not the query's",
      { ...base(), scope: { orgTreeName: "T", orgIdentifier: "other" } },
      ["scope.orgIdentifier"],
    ],
    [
      "scope.projectIdentifier not the query's",
      { ...base(), scope: { teamId: "a", projectIdentifier: "p2" } },
      ["scope.projectIdentifier"],
    ],
    ["unknown scope field", { ...base(), scope: { teamId: "a", team: "b" } }, ["scope.team"]],
    ["dateRange missing", { ...base(), dateRange: undefined }, ["dateRange"]],
    ["start missing", withRange(undefined, "2026-01-01"), ["dateRange.start"]],
    ["start not yyyy-MM-dd", withRange("2026-1-05", "2026-03-31"), ["dateRange.start"]],
    ["start with a time", withRange("2026-01-05T00:00:00Z", "2026-03-31"), ["dateRange.start"]],
    ["end not a calendar date (Feb 30)", withRange("2026-01-01", "2026-02-30"), ["dateRange.end"]],
    ["Feb 29 outside a leap year", withRange("2025-02-29", "2025-03-01"), ["dateRange.start"]],
    ["month 13", withRange("2026-13-01", "2027-01-01"), ["dateRange.start"]],
    ["end before start", withRange("2026-03-02", "2026-03-01"), ["dateRange.end"]],
    ["1,097 days apart", withRange("2024-01-01", "2027-01-02"), ["dateRange.end"]],
    [
      "unknown dateRange field",
      { ...base(), dateRange: { start: "2026-01-01", end: "2026-01-02", tz: "UTC" } },
      ["dateRange.tz"],
    ],
    ["metricGroups missing", { ...base(), metricGroups: undefined }, ["metricGroups"]],
    ["metricGroups empty", { ...base(), metricGroups: [] }, ["metricGroups"]],
    ["metricGroups not a list", { ...base(), metricGroups: "lttc" }, ["metricGroups"]],
    ["an unknown metric group", { ...base(), metricGroups: ["lttc", "cfr", "velocity"] }, ["metricGroups[2]"]],
    ["options missing", { ...base(), options: undefined }, ["options.granularity"]],
    ["granularity missing", withOptions({ granularity: undefined }), ["options.granularity"]],
    ["granularity unknown", withOptions({ granularity: "DAILY" }), ["options.granularity"]],
    ["aggregation unknown", withOptions({ aggregation: "p99" }), ["options.aggregation"]],
    ["compression unknown", withOptions({ compression: "zip" }), ["options.compression"]],
    ["format unknown", withOptions({ format: "json" }), ["options.format"]],
    ["timezone unknown", withOptions({ timezone: "Mars/Olympus" }), ["options.timezone"]],
    ["timezone as an offset", withOptions({ timezone: "+01:00" }), ["options.timezone"]],
    ["benchmark unknown", withOptions({ benchmark: "dora-1999" }), ["options.benchmark"]],
    ["unknown option", withOptions({ aggregationLevel: "team" }), ["options.aggregationLevel"]],
    ["metrics not a list", { ...base(), metrics: "LTTC_Mean_Days" }, ["metrics"]],
    ["a blank metric", { ...base(), metrics: [""] }, ["metrics[0]"]],
    ["a metric no group produces", { ...base(), metrics: ["LTTC_Mean_Days", "PR_Merged"] }, ["metrics[1]"]],
    ["a metric of an unselected group", { ...base(), metrics: ["DF_Per_Day"] }, ["metrics[0]"]],
    [
      "a metric of another aggregation",
      { ...withOptions({ aggregation: "median" }), metrics: ["LTTC_Mean_Days"] },
      ["metrics[0]"],
    ],
    [
      "a rating of an unselected group",
      { ...base(), metricGroups: ["lttc", "rating"], metrics: ["MTTR_Rating"] },
      ["metrics[0]"],
    ],
    [
      "FDRT_Rating without fdrt",
      { ...base(), metricGroups: ["mttr", "rating"], metrics: ["FDRT_Rating"] },
      ["metrics[0]"],
    ],
    [
      "a rework column without rework",
      { ...base(), metricGroups: ["fdrt"], metrics: ["REWORK_Percent"] },
      ["metrics[0]"],
    ],
  ])("%s", (_name, body, fields) => {
    expect(fieldsOf(body)).toEqual(fields);
  });

  it("names every problem at once", () => {
    const body = {
      scope: { teamId: "a", orgTreeName: "T", orgIdentifier: "x" },
      dateRange: { start: "2026-02-30", end: "2026-01-01" },
      metricGroups: ["lttc", "nope"],
      metrics: ["Bogus"],
      options: { aggregation: "mode", timezone: "Nowhere/Land", benchmark: "x", extra: 1 },
      more: true,
    };
    expect(fieldsOf(body).sort()).toEqual(
      [
        "more",
        "scope",
        "scope.orgIdentifier",
        "dateRange.start",
        "metricGroups[1]",
        "options.extra",
        "options.granularity",
        "options.aggregation",
        "options.timezone",
        "options.benchmark",
      ].sort(),
    );
  });

  it.each<[string, Body, string[]]>([
    ["a bad metric beside a bad scope", { ...base(), scope: undefined, metrics: ["Bogus"] }, ["scope", "metrics[0]"]],
    [
      "a bad metric beside a bad option",
      { ...withOptions({ timezone: "x" }), metrics: ["Bogus"] },
      ["options.timezone", "metrics[0]"],
    ],
    [
      "a reversed range beside an unknown field",
      { ...base(), dateRange: { start: "2026-02-01", end: "2026-01-01", tz: "UTC" } },
      ["dateRange.tz", "dateRange.end"],
    ],
    [
      "a scope conflict beside a bad teamId",
      { ...base(), scope: { teamId: 7, orgTreeName: "T", orgIdentifier: "org" } },
      ["scope.teamId", "scope"],
    ],
  ])("checks across fields despite other problems: %s", (_name, body, fields) => {
    expect(fieldsOf(body)).toEqual(fields);
  });

  it.each([
    ["a required field", { ...base(), scope: undefined }, { field: "scope", message: "is required" }],
    ["an unknown field", { ...base(), x: 1 }, { field: "x", message: "unknown field" }],
    ["a wrong type", { ...base(), scope: { teamId: 7 } }, { field: "scope.teamId", message: "must be a string" }],
    [
      "the range",
      withRange("2024-01-01", "2027-01-02"),
      { field: "dateRange.end", message: "must be at most 1096 days after dateRange.start" },
    ],
  ])("reads plainly for %s", (_name, body, detail) => {
    expect(parseExportRequest(body, CTX)).toEqual({ ok: false, details: [detail] });
  });
});

describe("parseExportRequest – accepted and normalised", () => {
  it.each<[string, Body]>([
    ["start equal to end", withRange("2026-01-01", "2026-01-01")],
    ["exactly 1,096 days apart", withRange("2024-01-01", "2027-01-01")],
    ["Feb 29 of a leap year", withRange("2024-02-29", "2024-03-01")],
    [
      "scope identifiers equal to the query's",
      { ...base(), scope: { teamId: "a", orgIdentifier: "org", projectIdentifier: "proj" } },
    ],
    ["a hierarchy column in metrics", { ...base(), metrics: ["team_name"] }],
  ])("%s", (_name, body) => {
    expect(parseExportRequest(body, CTX).ok).toBe(true);
  });

  it("fills the defaults", () => {
    expect(paramsOf(base())).toEqual({
      scope: { kind: "team", teamId: "team_a" },
      dateRange: { start: "2026-01-01", end: "2026-03-31" },
      metricGroups: ["lttc"],
      metrics: null,
      granularity: "WEEKLY",
      aggregation: "mean",
      compression: "gzip",
      format: "csv",
      timezone: "UTC",
      benchmark: "sei",
    } satisfies ExportParams);
  });

  it("reads enum values in any case and canonicalises them", () => {
    const params = paramsOf(
      withOptions({
        granularity: "quarterly",
        aggregation: "P95",
        compression: "NONE",
        format: "CSV",
        timezone: "europe/paris",
        benchmark: "DORA-2021",
      }),
    );
    expect(params).toMatchObject({
      granularity: "QUARTERLY",
      aggregation: "p95",
      compression: "none",
      format: "csv",
      timezone: "Europe/Paris",
      benchmark: "dora-2021",
    });
  });

  it("resolves aliases, de-duplicates groups and puts them in CSV order", () => {
    const params = paramsOf({
      ...base(),
      metricGroups: ["SUMMARY", "df", "Rating", "LTTC", "deployment_frequency", "Work_Items"],
    });
    expect(params.metricGroups).toEqual(["lttc", "work_items", "deployment_frequency", "rating", "summary"]);
  });

  it.each<[string, unknown, string[] | null]>([
    [
      "canonical case, CSV order, no duplicates",
      ["lttc_mean_days", "PLANNING_MEAN_DAYS", "LTTC_Mean_Days"],
      ["PLANNING_Mean_Days", "LTTC_Mean_Days"],
    ],
    ["hierarchy columns dropped (always kept)", ["Team_Id", "LTTC_Change_Count"], ["LTTC_Change_Count"]],
    ["only hierarchy columns: no metric column", ["team_hierarchy"], []],
    [
      "every column is the same as none given",
      [
        "PLANNING_Mean_Days",
        "CODING_Mean_Days",
        "REVIEW_Mean_Days",
        "BUILD_Mean_Days",
        "DEPLOY_Mean_Days",
        "LTTC_Mean_Days",
        "LTTC_Change_Count",
      ],
      null,
    ],
    ["an empty list means every column", [], null],
    ["null means every column", null, null],
  ])("metrics: %s", (_name, metrics, expected) => {
    expect(paramsOf({ ...base(), metrics }).metrics).toEqual(expected);
  });

  it("takes the groups fdrt and rework, their columns and FDRT_Rating (spec §4.11–4.13)", () => {
    const params = paramsOf({
      ...withOptions({ aggregation: "p90" }),
      metricGroups: ["REWORK", "rating", "Fdrt"],
      metrics: ["fdrt_p90_days", "REWORK_PERCENT", "fdrt_rating"],
    });
    expect(params.metricGroups).toEqual(["fdrt", "rework", "rating"]);
    expect(params.metrics).toEqual(["FDRT_P90_Days", "REWORK_Percent", "FDRT_Rating"]);
  });

  it("checks metrics against the chosen aggregation", () => {
    const params = paramsOf({
      ...withOptions({ aggregation: "Median" }),
      metricGroups: ["mttr"],
      metrics: ["mttr_median_days"],
    });
    expect(params.metrics).toEqual(["MTTR_Median_Days"]);
  });

  it("takes the team body of the Harness documentation as written", () => {
    const json = parseJsonc(TEAM_EXPORT_BODY);
    expect(json.ok && paramsOf(json.value)).toEqual({
      scope: { kind: "team", teamId: "team_a" },
      dateRange: { start: "2025-01-01", end: "2025-03-31" },
      metricGroups: ["lttc", "deployment_frequency", "cfr", "mttr"],
      metrics: null,
      granularity: "WEEKLY",
      aggregation: "median",
      compression: "gzip",
      format: "csv",
      timezone: "UTC",
      benchmark: "sei",
    } satisfies ExportParams);
  });

  it("takes the org-tree body of the Harness documentation as written", () => {
    const json = parseJsonc(ORG_TREE_EXPORT_BODY);
    const ctx = { ...CTX, orgIdentifier: HARNESS_DOC_ORG, projectIdentifier: HARNESS_DOC_PROJECT };
    expect(json.ok && paramsOf(json.value, ctx)).toMatchObject({
      scope: { kind: "orgTree", orgTreeName: "Engineering", orgIdentifier: "default", projectIdentifier: "proj" },
      dateRange: { start: "2026-01-01", end: "2026-03-31" },
      metricGroups: ["lttc", "deployment_frequency", "cfr", "mttr"],
      granularity: "MONTHLY",
      aggregation: "mean",
    });
  });

  it("gives an org-tree scope the request's project when it names none", () => {
    const params = paramsOf({ ...base(), scope: { orgTreeName: "Eng", orgIdentifier: "org" } });
    expect(params.scope).toEqual({
      kind: "orgTree",
      orgTreeName: "Eng",
      orgIdentifier: "org",
      projectIdentifier: "proj",
    });
  });
});

describe("exportRequestSchema (context-free, for forms)", () => {
  it("validates a body without knowing the benchmark sets or the query", () => {
    const result = exportRequestSchema.safeParse({
      ...withOptions({ benchmark: "Custom" }),
      scope: { teamId: "a", orgIdentifier: "any" },
    });
    expect(result.success && result.data.options.benchmark).toBe("custom");
  });

  it("still refuses what no context can make valid", () => {
    expect(exportRequestSchema.safeParse({ ...base(), metricGroups: [] }).success).toBe(false);
  });
});
