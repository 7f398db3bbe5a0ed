import { describe, expect, it } from "vitest";
import { ScopeNotFoundError } from "./errors";
import { computeLegacyReport, legacyReportCsv, type LegacyReportRequest } from "./legacy-report";
import { at, dataset, dep, pr, team } from "./test-factories";

const ds = dataset({
  teams: [
    team("root", "Root", null, { refId: 10 }),
    team("kid", "=Kids", "root", { refId: 11 }),
    team("x", "Other", null, { refId: 12 }),
  ],
  pullRequests: [
    pr("p", {
      teamId: "kid",
      firstCommitAt: at("2026-01-03T00:00:00Z"),
      openedAt: at("2026-01-03T00:00:00Z"),
      mergedAt: at("2026-01-04T00:00:00Z"),
    }),
  ],
  deployments: [
    dep("r1", "2026-01-02T00:00:00Z", { teamId: "root" }),
    dep("r2", "2026-01-28T23:59:59Z", { teamId: "root" }),
    dep("k1", "2026-01-05T00:00:00Z", { teamId: "kid", pullRequestIds: ["p"] }),
    dep("k2", "2026-01-06T00:00:00Z", { teamId: "kid", status: "failure" }),
    dep("late", "2026-01-29T00:00:00Z", { teamId: "root" }),
    dep("x1", "2026-01-06T00:00:00Z", { teamId: "x" }),
  ],
});
const req = (extra: Partial<LegacyReportRequest> = {}): LegacyReportRequest => ({
  teamRefId: 10,
  dateStart: "2026-01-01",
  dateEnd: "2026-01-28",
  granularity: "weekly",
  metrics: [],
  calculationType: "MEAN",
  ...extra,
});

describe("computeLegacyReport (spec §7)", () => {
  it("all five metrics, the team and its descendants, cells formatted", () => {
    expect(legacyReportCsv(computeLegacyReport(ds, req()))).toBe(
      "Team_Ref_Id,Team_Name,Team_Hierarchy,LEAD_TIME_FOR_CHANGES,DEPLOYMENT_FREQUENCY,CHANGE_FAILURE_RATE,MEAN_TIME_TO_RESTORE,OVERALL_DORA\n" +
        "10,Root,Root,2.0000,0.7500,25.00,,High\n" +
        "11,'=Kids,Root / =Kids,2.0000,0.2500,50.00,,Medium\n",
    );
  });

  it.each([
    ["daily", "0.1071"],
    ["weekly", "0.7500"],
    ["monthly", "3.2612"],
  ] as const)("DEPLOYMENT_FREQUENCY per %s unit", (granularity, df) => {
    const report = computeLegacyReport(ds, req({ granularity, metrics: ["DEPLOYMENT_FREQUENCY"] }));
    expect(report.columns).toEqual(["Team_Ref_Id", "Team_Name", "Team_Hierarchy", "DEPLOYMENT_FREQUENCY"]);
    expect(report.rows[0]).toEqual(["10", "Root", "Root", df]);
  });

  it("metrics come out in the spec's order whatever the order asked", () => {
    const report = computeLegacyReport(ds, req({ teamRefId: 11, metrics: ["OVERALL_DORA", "LEAD_TIME_FOR_CHANGES"] }));
    expect(report.columns.slice(3)).toEqual(["LEAD_TIME_FOR_CHANGES", "OVERALL_DORA"]);
    expect(report.rows).toEqual([["11", "'=Kids", "Root / =Kids", "2.0000", "Medium"]]);
  });

  it("the calculation type picks the aggregation", () => {
    const report = computeLegacyReport(
      ds,
      req({ teamRefId: 11, metrics: ["LEAD_TIME_FOR_CHANGES"], calculationType: "P95" }),
    );
    expect(report.rows[0]![3]).toBe("2.0000");
  });

  it("an unknown teamRefId throws ScopeNotFoundError", () => {
    expect(() => computeLegacyReport(ds, req({ teamRefId: 99 }))).toThrow(ScopeNotFoundError);
  });

  it("no rows gives an empty body", () => {
    expect(legacyReportCsv({ columns: ["Team_Ref_Id"], rows: [] })).toBe("");
  });
});
