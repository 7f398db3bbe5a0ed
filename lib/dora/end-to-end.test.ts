// A hand-made project of eleven records, its export computed by hand (see the comments), asserted as CSV text.
import { describe, expect, it } from "vitest";
import { exportCsvText } from "./csv";
import { computeExport } from "./figures/compute-export";
import { at, build, dataset, dep, incident, pr, team, workItem } from "./test-factories";

const ds = dataset({
  teams: [team("pay", "Pay, Inc", null, { refId: 1 }), team("api", "API", "pay", { refId: 2 })],
  workItems: [workItem("w1", "2026-01-04T00:00:00Z", { teamId: "api", resolvedAt: at("2026-01-08T00:00:00Z") })],
  pullRequests: [
    // t0 Jan 4, t1 Jan 5, t2 Jan 5 12h, t3 Jan 6, t4 Jan 6 6h, t5 Jan 7: 1, 0.5, 0.5, 0.25, 0.75 → LTTC 3
    pr("p1", {
      teamId: "api",
      firstCommitAt: at("2026-01-05T00:00:00Z"),
      openedAt: at("2026-01-05T12:00:00Z"),
      mergedAt: at("2026-01-06T00:00:00Z"),
      mergeCommitSha: "s1",
      workItemId: "w1",
    }),
    // no work item, no build; t1 = t2 = Jan 12, t3 Jan 13, t5 Jan 14 (rule c): CODING 0, REVIEW 1, DEPLOY 1 → LTTC 2
    pr("p2", {
      teamId: "pay",
      firstCommitAt: at("2026-01-12T00:00:00Z"),
      openedAt: at("2026-01-12T00:00:00Z"),
      mergedAt: at("2026-01-13T00:00:00Z"),
      mergeCommitSha: "s2",
    }),
  ],
  builds: [build("b1", "s1", "2026-01-06T06:00:00Z")],
  deployments: [
    dep("d1", "2026-01-07T00:00:00Z", { teamId: "api", pullRequestIds: ["p1"] }),
    dep("d2", "2026-01-14T00:00:00Z", { teamId: "pay", repository: "repo" }), // p1 could link here too, but d1 is earlier
    dep("d3", "2026-01-15T00:00:00Z", { teamId: "pay", status: "failure" }),
    dep("d4", "2026-01-08T00:00:00Z", { teamId: "api", environment: "staging" }),
  ],
  // links to d2 (latest of its team within 7 days); 0.5 days to restore
  incidents: [incident("i1", "2026-01-14T12:00:00Z", { teamId: "pay", resolvedAt: at("2026-01-15T00:00:00Z") })],
});

const EXPECTED = [
  "Team_Id,Team_Ref_Id,Team_Name,Parent_Team_Id,Team_Hierarchy,Org_Tree,Period,Start_Date,End_Date," +
    "PLANNING_Mean_Days,CODING_Mean_Days,REVIEW_Mean_Days,BUILD_Mean_Days,DEPLOY_Mean_Days,LTTC_Mean_Days,LTTC_Change_Count," +
    "DF_Deployment_Count,DF_Per_Day,CFR_Total_Success,CFR_Total_Failures,CFR_Percent,MTTR_Mean_Days,MTTR_Incident_Count," +
    "LTTC_Rating,DF_Rating,CFR_Rating,MTTR_Rating,OVERALL_RATING",
  // DF 1/7 is exactly High's bound; overall (3+3+4)/3 → High
  'pay,1,"Pay, Inc",,"Pay, Inc",Eng,2026-W02,2026-01-05,2026-01-11,1.0000,0.5000,0.5000,0.2500,0.7500,3.0000,1,1,0.1429,1,0,0.00,,0,High,High,Elite,,High',
  // d2 (incident) and d3 (status) fail; overall (3+3+1+3)/4 = 2.5 → High
  'pay,1,"Pay, Inc",,"Pay, Inc",Eng,2026-W03,2026-01-12,2026-01-18,,0.0000,1.0000,,1.0000,2.0000,1,1,0.1429,0,2,100.00,0.5000,1,High,High,Low,High,High',
  'pay,1,"Pay, Inc",,"Pay, Inc",Eng,TOTAL,2026-01-05,2026-01-18,1.0000,0.2500,0.7500,0.2500,0.8750,2.5000,2,2,0.1429,1,2,66.67,0.5000,1,High,High,Low,High,High',
  'api,2,API,pay,"Pay, Inc / API",Eng,2026-W02,2026-01-05,2026-01-11,1.0000,0.5000,0.5000,0.2500,0.7500,3.0000,1,1,0.1429,1,0,0.00,,0,High,High,Elite,,High',
  'api,2,API,pay,"Pay, Inc / API",Eng,2026-W03,2026-01-12,2026-01-18,,,,,,,0,0,0.0000,0,0,,,0,,Low,,,Low',
  // DF 1/14 → Medium; overall (3+2+4)/3 = 3 → High
  'api,2,API,pay,"Pay, Inc / API",Eng,TOTAL,2026-01-05,2026-01-18,1.0000,0.5000,0.5000,0.2500,0.7500,3.0000,1,1,0.0714,1,0,0.00,,0,High,Medium,Elite,,High',
].join("\n");

describe("end to end: dataset → CSV", () => {
  it("matches the hand-computed export", () => {
    const result = computeExport(ds, {
      scope: { kind: "team", teamId: "pay" },
      dateRange: { start: "2026-01-05", end: "2026-01-18" },
      metricGroups: ["lttc", "deployment_frequency", "cfr", "mttr", "rating", "summary"],
      metrics: null,
      granularity: "WEEKLY",
      aggregation: "mean",
      compression: "none",
      format: "csv",
      timezone: "UTC",
      benchmark: "sei",
    });
    expect(exportCsvText(result)).toBe(`${EXPECTED}\n`);
  });
});
