import { describe, expect, it } from "vitest";
import { ScopeNotFoundError } from "../errors";
import { at, dataset, dep, incident, pr, team, workItem } from "../test-factories";
import type { ExportParams } from "../types";
import { computeExport } from "./compute-export";
import type { Dataset } from "./types";

const params = (extra: Partial<ExportParams> = {}): ExportParams => ({
  scope: { kind: "team", teamId: "t" },
  dateRange: { start: "2026-01-05", end: "2026-01-18" },
  metricGroups: ["deployment_frequency"],
  metrics: null,
  granularity: "WEEKLY",
  aggregation: "mean",
  compression: "none",
  format: "csv",
  timezone: "UTC",
  benchmark: "sei",
  ...extra,
});
const cells = (ds: Dataset, extra: Partial<ExportParams>, cols: string[]) =>
  computeExport(ds, params(extra)).rows.map((r) => [r.teamId, r.period, ...cols.map((c) => r.values[c])]);

describe("deployment frequency (spec §4.4)", () => {
  const ds = dataset({
    deployments: [
      dep("a", "2026-01-05T00:00:00Z"),
      dep("b", "2026-01-06T00:00:00Z", { environment: "Prod" }),
      dep("c", "2026-01-07T00:00:00Z"),
      dep("f", "2026-01-07T00:00:00Z", { status: "failure" }),
      dep("s", "2026-01-07T00:00:00Z", { environment: "staging" }),
      dep("x", "2026-01-07T00:00:00Z", { teamId: "other" }),
      dep("n", "2026-01-12T00:00:00Z"),
    ],
  });
  it("counts successful production deployments; per day over the period's days", () => {
    expect(cells(ds, {}, ["DF_Deployment_Count", "DF_Per_Day"])).toEqual([
      ["t", "2026-W02", 3, 3 / 7],
      ["t", "2026-W03", 1, 1 / 7],
    ]);
  });
  it("a clipped period divides by its clipped days", () => {
    expect(
      cells(ds, { dateRange: { start: "2026-01-07", end: "2026-01-12" } }, ["DF_Deployment_Count", "DF_Per_Day"]),
    ).toEqual([
      ["t", "2026-W02", 1, 1 / 5],
      ["t", "2026-W03", 1, 1],
    ]);
  });
});

describe("change failure rate (spec §4.5)", () => {
  const ds = dataset({
    deployments: [
      dep("ok", "2026-01-05T00:00:00Z"),
      dep("hit", "2026-01-06T00:00:00Z"),
      dep("bad", "2026-01-07T00:00:00Z", { status: "failure" }),
      dep("named", "2026-01-08T00:00:00Z"),
      dep("qa", "2026-01-08T00:00:00Z", { environment: "qa", status: "failure" }),
    ],
    incidents: [
      incident("i1", "2026-01-06T10:00:00Z"), // window: the latest before it is "hit"
      incident("i2", "2026-01-20T00:00:00Z", { deploymentId: "named" }),
      incident("i3", "2026-01-06T11:00:00Z", { teamId: "other", deploymentId: "hit" }), // a second incident on "hit"
    ],
  });
  it("population, failures (status or incident), success and percent; an empty population leaves percent empty", () => {
    expect(cells(ds, { metricGroups: ["cfr"] }, ["CFR_Total_Success", "CFR_Total_Failures", "CFR_Percent"])).toEqual([
      ["t", "2026-W02", 1, 3, 75],
      ["t", "2026-W03", 0, 0, null],
    ]);
  });
});

describe("mean time to restore (spec §4.6)", () => {
  const ds = dataset({
    incidents: [
      incident("a", "2026-01-05T00:00:00Z", { resolvedAt: at("2026-01-06T00:00:00Z") }),
      incident("b", "2025-12-20T00:00:00Z", { resolvedAt: at("2026-01-05T00:00:00Z") }), // opened before the range
      incident("neg", "2026-01-08T00:00:00Z", { resolvedAt: at("2026-01-07T00:00:00Z") }), // negative → 0
      incident("open", "2026-01-08T00:00:00Z"),
      incident("late", "2026-01-10T00:00:00Z", { resolvedAt: at("2026-01-12T12:00:00Z") }),
    ],
  });
  it.each([
    ["mean", "MTTR_Mean_Days", [(1 + 16 + 0) / 3, 2.5]],
    ["median", "MTTR_Median_Days", [1, 2.5]],
    ["p95", "MTTR_P95_Days", [1 + 0.9 * 15, 2.5]],
  ] as const)("%s, anchored at resolvedAt, unresolved not counted", (aggregation, col, [w2, w3]) => {
    const got = cells(ds, { metricGroups: ["mttr"], aggregation }, [col, "MTTR_Incident_Count"]);
    expect(got).toEqual([
      ["t", "2026-W02", expect.closeTo(w2, 12), 3],
      ["t", "2026-W03", expect.closeTo(w3, 12), 1],
    ]);
  });
});

describe("work items (spec §4.7)", () => {
  const ds = dataset({
    workItems: [
      workItem("w1", "2026-01-01T00:00:00Z", { resolvedAt: at("2026-01-06T00:00:00Z") }),
      workItem("w2", "2026-01-01T00:00:00Z", { resolvedAt: at("2026-01-07T00:00:00Z") }),
      workItem("w3", "2026-01-01T00:00:00Z", { resolvedAt: at("2026-01-08T00:00:00Z") }),
      workItem("w4", "2026-01-01T00:00:00Z"),
    ],
    pullRequests: [
      pr("p1", { workItemId: "w1", mergedAt: null }),
      pr("p2", { workItemId: "w3", teamId: "other" }),
      pr("p3", { workItemId: "w1" }),
    ],
  });
  it("resolved items, those a PR (of any team) names, and the percentage", () => {
    expect(
      cells(ds, { metricGroups: ["work_items"] }, ["TOTAL_WORK_ITEMS", "PR_ASSOCIATIONS", "PERCENTAGE_PR_ASSOCIATED"]),
    ).toEqual([
      ["t", "2026-W02", 3, 2, (100 * 2) / 3],
      ["t", "2026-W03", 0, 0, null],
    ]);
  });
});

describe("roll-up, order, summary and hierarchy columns", () => {
  const teams = [
    team("root", "Root", null, { refId: 1 }),
    team("kid-b", "Beta", "root", { refId: 3 }),
    team("kid-a", "Alpha", "root", { refId: 2 }),
    team("grand", "Gamma", "kid-b", { refId: 4 }),
    team("else", "Elsewhere", null, { orgTree: "Other", refId: 5 }),
  ];
  const ds = dataset({
    teams,
    deployments: [
      dep("r", "2026-01-05T00:00:00Z", { teamId: "root" }),
      dep("a", "2026-01-06T00:00:00Z", { teamId: "kid-a" }),
      dep("g1", "2026-01-06T00:00:00Z", { teamId: "grand" }),
      dep("g2", "2026-01-13T00:00:00Z", { teamId: "grand" }),
      dep("e", "2026-01-06T00:00:00Z", { teamId: "else" }),
    ],
  });

  it("a team's figures cover its descendants; depth-first, siblings by name; TOTAL after each team's periods", () => {
    const got = cells(
      ds,
      { scope: { kind: "team", teamId: "root" }, metricGroups: ["deployment_frequency", "summary"] },
      ["DF_Deployment_Count"],
    );
    expect(got).toEqual([
      ["root", "2026-W02", 3],
      ["root", "2026-W03", 1],
      ["root", "TOTAL", 4],
      ["kid-a", "2026-W02", 1],
      ["kid-a", "2026-W03", 0],
      ["kid-a", "TOTAL", 1],
      ["kid-b", "2026-W02", 1],
      ["kid-b", "2026-W03", 1],
      ["kid-b", "TOTAL", 2],
      ["grand", "2026-W02", 1],
      ["grand", "2026-W03", 1],
      ["grand", "TOTAL", 2],
    ]);
  });

  it("the summary row covers the whole range: dates and per-day figures", () => {
    const rows = computeExport(
      ds,
      params({ scope: { kind: "team", teamId: "grand" }, metricGroups: ["deployment_frequency", "summary"] }),
    ).rows;
    const total = rows[2]!;
    expect([total.period, total.startDate, total.endDate, total.values.DF_Per_Day]).toEqual([
      "TOTAL",
      "2026-01-05",
      "2026-01-18",
      2 / 14,
    ]);
  });

  it("a sub-tree scope and the hierarchy fields", () => {
    const rows = computeExport(ds, params({ scope: { kind: "team", teamId: "kid-b" } })).rows;
    expect(
      rows.map((r) => [
        r.teamId,
        r.teamRefId,
        r.teamName,
        r.parentTeamId,
        r.hierarchy,
        r.orgTree,
        r.period,
        r.startDate,
        r.endDate,
      ]),
    ).toEqual([
      ["kid-b", 3, "Beta", "root", "Root / Beta", "Eng", "2026-W02", "2026-01-05", "2026-01-11"],
      ["kid-b", 3, "Beta", "root", "Root / Beta", "Eng", "2026-W03", "2026-01-12", "2026-01-18"],
      ["grand", 4, "Gamma", "kid-b", "Root / Beta / Gamma", "Eng", "2026-W02", "2026-01-05", "2026-01-11"],
      ["grand", 4, "Gamma", "kid-b", "Root / Beta / Gamma", "Eng", "2026-W03", "2026-01-12", "2026-01-18"],
    ]);
  });

  it("an org tree scope covers every team of the tree, and only it", () => {
    const got = cells(
      ds,
      {
        scope: { kind: "orgTree", orgTreeName: "Other", orgIdentifier: "o", projectIdentifier: null },
        granularity: "MONTHLY",
      },
      ["DF_Deployment_Count"],
    );
    expect(got).toEqual([["else", "2026-01", 1]]);
  });

  it.each([
    [{ kind: "team", teamId: "ghost" }],
    [{ kind: "orgTree", orgTreeName: "Ghost", orgIdentifier: "o", projectIdentifier: null }],
  ] as const)("unknown scope %j → ScopeNotFoundError", (scope) => {
    expect(() => computeExport(ds, params({ scope }))).toThrow(ScopeNotFoundError);
  });

  it("an unknown benchmark set is a RangeError", () => {
    expect(() => computeExport(ds, params({ benchmark: "nope" }))).toThrow(RangeError);
  });
});

describe("ratings and columns", () => {
  // 7 deployments in a 7-day week: 1 a day (Elite); one PR with a 40-day lead time (Low in sei).
  const ds = dataset({
    pullRequests: [
      pr("p", {
        firstCommitAt: at("2025-11-28T00:00:00Z"),
        openedAt: at("2025-11-28T00:00:00Z"),
        mergedAt: at("2025-11-28T00:00:00Z"),
      }),
    ],
    deployments: [
      ...[5, 6, 7, 8, 9, 10].map((d) => dep(`d${d}`, `2026-01-${String(d).padStart(2, "0")}T00:00:00Z`)),
      dep("d11", "2026-01-07T00:00:00Z", { pullRequestIds: ["p"] }),
    ],
  });

  it("OVERALL uses every rated metric, even of groups not chosen; a metric's rating only with its group", () => {
    const result = computeExport(
      ds,
      params({
        metricGroups: ["deployment_frequency", "rating"],
        dateRange: { start: "2026-01-05", end: "2026-01-11" },
      }),
    );
    expect(result.columns.slice(9)).toEqual(["DF_Deployment_Count", "DF_Per_Day", "DF_Rating", "OVERALL_RATING"]);
    expect(result.rows[0]!.values).toEqual({
      DF_Deployment_Count: 7,
      DF_Per_Day: 1,
      DF_Rating: "Elite",
      OVERALL_RATING: "High",
    });
  });

  it("each metric's rating; CFR and MTTR empty without data; another benchmark set", () => {
    const one = (benchmark: string) =>
      computeExport(
        ds,
        params({
          metricGroups: ["lttc", "deployment_frequency", "cfr", "mttr", "rating"],
          benchmark,
          dateRange: { start: "2026-01-05", end: "2026-01-11" },
        }),
      ).rows[0]!.values;
    const pick = (v: Record<string, unknown>) => [
      v.LTTC_Rating,
      v.DF_Rating,
      v.CFR_Rating,
      v.MTTR_Rating,
      v.OVERALL_RATING,
    ];
    expect(pick(one("sei"))).toEqual(["Low", "Elite", "Elite", null, "High"]);
    expect(pick(one("dora-2021"))).toEqual(["Medium", "Elite", "Elite", null, "High"]);
  });

  it("params.metrics keeps the hierarchy columns and only the named ones (case-insensitive)", () => {
    const result = computeExport(
      ds,
      params({ metricGroups: ["deployment_frequency", "cfr"], metrics: ["df_per_day", "CFR_Percent"] }),
    );
    expect(result.columns).toEqual([
      "Team_Id",
      "Team_Ref_Id",
      "Team_Name",
      "Parent_Team_Id",
      "Team_Hierarchy",
      "Org_Tree",
      "Period",
      "Start_Date",
      "End_Date",
      "DF_Per_Day",
      "CFR_Percent",
    ]);
    expect(Object.keys(result.rows[0]!.values)).toEqual(["DF_Per_Day", "CFR_Percent"]);
  });

  it("column order follows the groups' order whatever the order asked", () => {
    const result = computeExport(
      ds,
      params({ metricGroups: ["mttr", "lttc", "work_items", "rating"], aggregation: "p95" }),
    );
    expect(result.columns.slice(9)).toEqual([
      "PLANNING_P95_Days",
      "CODING_P95_Days",
      "REVIEW_P95_Days",
      "BUILD_P95_Days",
      "DEPLOY_P95_Days",
      "LTTC_P95_Days",
      "LTTC_Change_Count",
      "TOTAL_WORK_ITEMS",
      "PR_ASSOCIATIONS",
      "PERCENTAGE_PR_ASSOCIATED",
      "MTTR_P95_Days",
      "MTTR_Incident_Count",
      "LTTC_Rating",
      "MTTR_Rating",
      "OVERALL_RATING",
    ]);
  });
});
