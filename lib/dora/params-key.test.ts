import { describe, expect, it } from "vitest";
import { exportParamsKey, stableStringify } from "./params-key";
import { parseExportRequest } from "./schemas";

const CTX = { orgIdentifier: "org", projectIdentifier: "proj", benchmarks: ["sei", "dora-2023"] };

type Body = Record<string, unknown>;
const base = (): Body => ({
  scope: { teamId: "team_a" },
  dateRange: { start: "2026-01-01", end: "2026-03-31" },
  metricGroups: ["lttc", "deployment_frequency", "cfr"],
  metrics: ["LTTC_Mean_Days", "DF_Per_Day"],
  options: { granularity: "WEEKLY" },
});
const change = (patch: Body): Body => ({ ...base(), ...patch });
const withOptions = (options: Body): Body => change({ options: { granularity: "WEEKLY", ...options } });

function keyOf(body: Body, org = "org", project = "proj"): string {
  const result = parseExportRequest(body, { ...CTX, orgIdentifier: org, projectIdentifier: project });
  if (!result.ok) throw new Error(JSON.stringify(result.details));
  return exportParamsKey(result.params, org, project);
}

describe("exportParamsKey – the same request", () => {
  it.each<[string, Body]>([
    ["groups reordered", change({ metricGroups: ["cfr", "lttc", "deployment_frequency"] })],
    ["groups repeated", change({ metricGroups: ["lttc", "cfr", "deployment_frequency", "lttc"] })],
    ["alias df", change({ metricGroups: ["lttc", "df", "cfr"] })],
    ["groups in another case", change({ metricGroups: ["LTTC", "Deployment_Frequency", "CFR"] })],
    ["metrics reordered and in another case", change({ metrics: ["df_per_day", "lttc_mean_days"] })],
    ["metrics with a hierarchy column", change({ metrics: ["Team_Name", "DF_Per_Day", "LTTC_Mean_Days"] })],
    [
      "enum values in another case",
      withOptions({ granularity: "weekly", aggregation: "MEAN", compression: "GZIP", format: "CSV" }),
    ],
    [
      "explicit defaults",
      withOptions({ aggregation: "mean", compression: "gzip", format: "csv", timezone: "UTC", benchmark: "sei" }),
    ],
    ["time zone in another case", withOptions({ timezone: "utc" })],
    [
      "fields in another order",
      {
        options: { granularity: "WEEKLY" },
        metrics: ["LTTC_Mean_Days", "DF_Per_Day"],
        metricGroups: ["lttc", "deployment_frequency", "cfr"],
        dateRange: { end: "2026-03-31", start: "2026-01-01" },
        scope: { teamId: "team_a" },
      },
    ],
    [
      "scope naming the request's own identifiers",
      change({ scope: { teamId: "team_a", orgIdentifier: "org", projectIdentifier: "proj" } }),
    ],
  ])("%s", (_name, body) => {
    expect(keyOf(body)).toBe(keyOf(base()));
  });

  it("an org-tree scope with or without the request's projectIdentifier", () => {
    const scope = { orgTreeName: "Eng", orgIdentifier: "org" };
    expect(keyOf(change({ scope: { ...scope, projectIdentifier: "proj" } }))).toBe(keyOf(change({ scope })));
  });

  it("every metric column listed, or none", () => {
    const all = [
      "PLANNING_Mean_Days",
      "CODING_Mean_Days",
      "REVIEW_Mean_Days",
      "BUILD_Mean_Days",
      "DEPLOY_Mean_Days",
      "LTTC_Mean_Days",
      "LTTC_Change_Count",
    ];
    expect(keyOf(change({ metricGroups: ["lttc"], metrics: all }))).toBe(
      keyOf(change({ metricGroups: ["lttc"], metrics: undefined })),
    );
  });
});

describe("exportParamsKey – a different request", () => {
  it.each<[string, Body]>([
    ["another team", change({ scope: { teamId: "team_b" } })],
    ["a team id differing only in case", change({ scope: { teamId: "Team_A" } })],
    ["an org tree", change({ scope: { orgTreeName: "team_a", orgIdentifier: "org" } })],
    ["another start", change({ dateRange: { start: "2026-01-02", end: "2026-03-31" } })],
    ["another end", change({ dateRange: { start: "2026-01-01", end: "2026-03-30" } })],
    ["another group", change({ metricGroups: ["lttc", "deployment_frequency", "cfr", "mttr"] })],
    ["fewer metrics", change({ metrics: ["LTTC_Mean_Days"] })],
    ["no metrics list", change({ metrics: undefined })],
    ["granularity", withOptions({ granularity: "MONTHLY" })],
    [
      "aggregation",
      change({
        metrics: ["LTTC_Median_Days", "DF_Per_Day"],
        options: { granularity: "WEEKLY", aggregation: "median" },
      }),
    ],
    ["compression", withOptions({ compression: "none" })],
    ["time zone", withOptions({ timezone: "Europe/Paris" })],
    ["benchmark", withOptions({ benchmark: "dora-2023" })],
  ])("%s", (_name, body) => {
    expect(keyOf(body)).not.toBe(keyOf(base()));
  });

  it.each([
    ["org", "org2", "proj"],
    ["project", "org", "proj2"],
  ])("another %s", (_name, org, project) => {
    expect(keyOf(base(), org, project)).not.toBe(keyOf(base()));
  });
});

describe("stableStringify", () => {
  it.each<[string, unknown, string]>([
    [
      "sorts keys at every depth",
      { b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } },
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    ],
    ["leaves out undefined members", { a: undefined, b: 1 }, '{"b":1}'],
    ["escapes strings", { 'q"': "a\nb" }, '{"q\\"":"a\\nb"}'],
  ])("%s", (_name, value, expected) => {
    expect(stableStringify(value)).toBe(expected);
  });
});
