import { describe, expect, it } from "vitest";
import { exportCsvText } from "../csv";
import { at, dataset, dep, incident, team } from "../test-factories";
import type { ExportParams } from "../types";
import { computeExport } from "./compute-export";
import type { Dataset } from "./types";

const params = (extra: Partial<ExportParams> = {}): ExportParams => ({
  scope: { kind: "team", teamId: "t" },
  dateRange: { start: "2026-01-05", end: "2026-01-18" },
  metricGroups: ["fdrt", "rework"],
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

/*
 * Team t, weeks W02 (Jan 5–11) and W03 (Jan 12–18), UTC:
 *   f1 fails Jan 6 00:00, f2 fails Jan 6 12:00; r1 (Jan 7 00:00) recovers both: 1 and 0.5 days.
 *   hit (Jan 8 00:00) succeeds but incident i (Jan 8 06:00) makes it a failure; f3 fails Jan 9 00:00.
 *   r2 finishes exactly at the W03 boundary (Jan 12 00:00) and recovers hit (4 days) and f3 (3 days).
 *   f4 fails Jan 17 and is never recovered. ok (Jan 13) is a success that recovers nothing.
 *   Recovery anchors: r1 in W02 (2 failures, mean 0.75), r2 in W03 (2 failures, mean 3.5).
 *   Rework population, the successful production deployments (hit among them: its status is success):
 *     W02: r1, hit → 1 rework of 2 (50%); W03: r2, ok → 1 of 2 (50%).
 */
const ds = dataset({
  deployments: [
    dep("f1", "2026-01-06T00:00:00Z", { status: "failure" }),
    dep("f2", "2026-01-06T12:00:00Z", { status: "failure" }),
    dep("r1", "2026-01-07T00:00:00Z"),
    dep("hit", "2026-01-08T00:00:00Z"),
    dep("f3", "2026-01-09T00:00:00Z", { status: "failure" }),
    dep("r2", "2026-01-12T00:00:00Z"),
    dep("ok", "2026-01-13T00:00:00Z"),
    dep("f4", "2026-01-17T00:00:00Z", { status: "failure" }),
  ],
  incidents: [incident("i", "2026-01-08T06:00:00Z", { resolvedAt: at("2026-01-08T08:00:00Z") })],
});

describe("failed deployment recovery time (spec §4.11)", () => {
  it("anchored at the recovery; a recovery exactly at a period's start belongs to that period", () => {
    expect(cells(ds, {}, ["FDRT_Mean_Days", "FDRT_Failure_Count"])).toEqual([
      ["t", "2026-W02", 0.75, 2],
      ["t", "2026-W03", 3.5, 2],
    ]);
  });

  it.each([
    ["median", "FDRT_Median_Days", [0.75, 3.5]],
    ["p90", "FDRT_P90_Days", [0.5 + 0.9 * 0.5, 3 + 0.9 * 1]],
  ] as const)("aggregation %s", (aggregation, col, [w2, w3]) => {
    expect(cells(ds, { aggregation }, [col])).toEqual([
      ["t", "2026-W02", expect.closeTo(w2, 12)],
      ["t", "2026-W03", expect.closeTo(w3, 12)],
    ]);
  });

  it("no recovered failure: an empty figure and a count of 0", () => {
    expect(
      cells(ds, { dateRange: { start: "2026-01-14", end: "2026-01-18" } }, ["FDRT_Mean_Days", "FDRT_Failure_Count"]),
    ).toEqual([["t", "2026-W03", null, 0]]);
  });

  it("a failed deployment before the range counts where its recovery is", () => {
    expect(
      cells(ds, { dateRange: { start: "2026-01-12", end: "2026-01-12" }, granularity: "MONTHLY" }, [
        "FDRT_Mean_Days",
        "FDRT_Failure_Count",
      ]),
    ).toEqual([["t", "2026-01", 3.5, 2]]);
  });

  it("the time zone moves the boundary: in Los Angeles r2 finishes on Jan 11 16:00, in W02", () => {
    expect(cells(ds, { timezone: "America/Los_Angeles" }, ["FDRT_Failure_Count"])).toEqual([
      ["t", "2026-W02", 4],
      ["t", "2026-W03", 0],
    ]);
  });
});

describe("deployment rework rate (spec §4.12)", () => {
  it("rework deployments among the successful production ones", () => {
    expect(cells(ds, {}, ["REWORK_Deployment_Count", "REWORK_Percent"])).toEqual([
      ["t", "2026-W02", 1, 50],
      ["t", "2026-W03", 1, 50],
    ]);
  });

  it("no successful deployment: 0 and an empty percentage", () => {
    const only = dataset({ deployments: [dep("f", "2026-01-06T00:00:00Z", { status: "failure" })] });
    expect(cells(only, {}, ["REWORK_Deployment_Count", "REWORK_Percent"])).toEqual([
      ["t", "2026-W02", 0, null],
      ["t", "2026-W03", 0, null],
    ]);
  });
});

describe("roll-up: each failure is recovered within its own team", () => {
  const tree = dataset({
    teams: [team("p", "Parent"), team("c", "Child", "p")],
    deployments: [
      dep("pf", "2026-01-06T00:00:00Z", { teamId: "p", status: "failure" }),
      dep("cok", "2026-01-06T06:00:00Z", { teamId: "c" }), // the child's: not the parent's recovery
      dep("pr", "2026-01-07T00:00:00Z", { teamId: "p" }),
      dep("cf", "2026-01-08T00:00:00Z", { teamId: "c", status: "failure" }),
      dep("cr", "2026-01-08T12:00:00Z", { teamId: "c" }),
    ],
  });
  it("the parent's figure covers its own and its child's failures; the child's only its own", () => {
    expect(
      cells(tree, { scope: { kind: "team", teamId: "p" }, dateRange: { start: "2026-01-05", end: "2026-01-11" } }, [
        "FDRT_Mean_Days",
        "FDRT_Failure_Count",
        "REWORK_Deployment_Count",
        "REWORK_Percent",
      ]),
    ).toEqual([
      ["p", "2026-W02", 0.75, 2, 2, (100 * 2) / 3],
      ["c", "2026-W02", 0.5, 1, 1, 50],
    ]);
  });
});

describe("ratings, summary, columns and the metrics filter (spec §4.13, §6)", () => {
  it("FDRT_Rating uses the set's MTTR bounds; OVERALL_RATING ignores it", () => {
    const row = (benchmark: string) =>
      computeExport(
        ds,
        params({ metricGroups: ["fdrt", "rating"], benchmark, dateRange: { start: "2026-01-05", end: "2026-01-11" } }),
      ).rows[0]!.values;
    // FDRT 0.75 days: sei MTTR bounds (1 h, 1 d, 7 d) → High; dora-2024 (1 h, 1 d, 1 d) → High.
    // The other metrics: DF 2/7 a day High; CFR 4 failures of 5 = 80% Low; MTTR 2 h High → 7/3 → Medium.
    expect(row("sei")).toMatchObject({ FDRT_Rating: "High", OVERALL_RATING: "Medium" });
    const late = computeExport(
      ds,
      params({ metricGroups: ["fdrt", "rating"], dateRange: { start: "2026-01-12", end: "2026-01-18" } }),
    ).rows[0]!.values;
    // 3.5 days: Medium with sei (< 7), Low with dora-2024 (≥ 1).
    expect(late.FDRT_Rating).toBe("Medium");
    const late2024 = computeExport(
      ds,
      params({
        metricGroups: ["fdrt", "rating"],
        benchmark: "dora-2024",
        dateRange: { start: "2026-01-12", end: "2026-01-18" },
      }),
    ).rows[0]!.values;
    expect(late2024.FDRT_Rating).toBe("Low");
  });

  it("an empty FDRT figure has an empty rating", () => {
    const row = computeExport(
      ds,
      params({ metricGroups: ["fdrt", "rating"], dateRange: { start: "2026-01-14", end: "2026-01-18" } }),
    ).rows[0]!.values;
    expect(row.FDRT_Rating).toBeNull();
  });

  it("the summary row covers both groups over the whole range", () => {
    const rows = computeExport(ds, params({ metricGroups: ["fdrt", "rework", "summary"] })).rows;
    expect(rows.map((r) => r.period)).toEqual(["2026-W02", "2026-W03", "TOTAL"]);
    expect(rows[2]!.values).toEqual({
      FDRT_Mean_Days: (1 + 0.5 + 4 + 3) / 4,
      FDRT_Failure_Count: 4,
      REWORK_Deployment_Count: 2,
      REWORK_Percent: 50,
    });
  });

  it("columns in the groups' order; FDRT_Rating only with fdrt; CSV formats", () => {
    const all = computeExport(
      ds,
      params({ metricGroups: ["rating", "rework", "mttr", "fdrt", "cfr"], aggregation: "p95" }),
    );
    expect(all.columns.slice(9)).toEqual([
      "CFR_Total_Success",
      "CFR_Total_Failures",
      "CFR_Percent",
      "MTTR_P95_Days",
      "MTTR_Incident_Count",
      "FDRT_P95_Days",
      "FDRT_Failure_Count",
      "REWORK_Deployment_Count",
      "REWORK_Percent",
      "CFR_Rating",
      "MTTR_Rating",
      "FDRT_Rating",
      "OVERALL_RATING",
    ]);
    const without = computeExport(ds, params({ metricGroups: ["rework", "rating"] }));
    expect(without.columns.slice(9)).toEqual(["REWORK_Deployment_Count", "REWORK_Percent", "OVERALL_RATING"]);

    const csv = exportCsvText(computeExport(ds, params({ metricGroups: ["fdrt", "rework"] })));
    expect(csv.split("\n")[1]).toBe("t,0,t,,t,Eng,2026-W02,2026-01-05,2026-01-11,0.7500,2,1,50.00");
  });

  it("params.metrics keeps only the named columns", () => {
    const result = computeExport(
      ds,
      params({ metricGroups: ["fdrt", "rework", "rating"], metrics: ["fdrt_rating", "REWORK_Percent"] }),
    );
    expect(result.columns.slice(9)).toEqual(["REWORK_Percent", "FDRT_Rating"]);
    expect(result.rows[0]!.values).toEqual({ REWORK_Percent: 50, FDRT_Rating: "High" });
  });
});
