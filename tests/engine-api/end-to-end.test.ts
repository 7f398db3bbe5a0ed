// Ingest → create → poll → download, against figures computed by hand from tests/engine-api/dataset.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { ingestDataset, ORG_TREE, PAYMENTS, PLATFORM } from "./dataset";
import { api, csvText, json, parseCsv, pollUntilFinal, setupEngine, type ErrorBody } from "./helpers";

const runtime = setupEngine();

const ALL_GROUPS = ["lttc", "work_items", "df", "cfr", "mttr", "rating", "summary"];

async function completedExport(compression: "gzip" | "none"): Promise<string> {
  const res = await api.createExport({
    scope: { orgTreeName: ORG_TREE, orgIdentifier: "acme" },
    dateRange: { start: "2026-01-01", end: "2026-02-28" },
    metricGroups: ALL_GROUPS,
    options: { granularity: "MONTHLY", aggregation: "median", compression },
  });
  expect(res.status).toBe(202);
  const { exportId } = await json<{ exportId: string }>(res);
  const done = await pollUntilFinal(exportId);
  expect(done).toMatchObject({
    status: "COMPLETED",
    downloadUrl: `/v2/insights/efficiency/exports/${exportId}/download`,
    rowCount: 6,
  });
  return exportId;
}

/*
 * Hand computation (UTC, range 2026-01-01..2026-02-28: Jan 31 days, Feb 28 days, whole range 59 days).
 *
 * Lead time, per PR (t0 work item created, t1 first commit, t2 opened, t3 merged, t4 build, t5 deploy):
 *   pr1 (pay): t0 Jan 1, t1 Jan 2, t2 Jan 3, t3 Jan 4, t4 Jan 4 12:00 (b1; failed b0 ignored), t5 Jan 5 (d1)
 *              PLANNING 1, CODING 1, REVIEW 1, BUILD 0.5, DEPLOY 0.5, LTTC 4           anchored in January
 *   pr2 (plat): t1 Jan 10, t2 Jan 10 12:00, t3 Jan 11, no build, t5 Jan 13 (d2 via commitShas)
 *              CODING 0.5, REVIEW 0.5, DEPLOY 2 (t5 − t3), LTTC 3 (t5 − t1)              anchored in January
 *   pr3 (pay): t1 Feb 1, t2 Feb 2, t3 Feb 3, no build, t5 Feb 10 (d3; d5 is staging)
 *              CODING 1, REVIEW 1, DEPLOY 7, LTTC 9                                     anchored in February
 * Production deployments: d1 Jan 5 pay ok, d2 Jan 13 plat ok, d3 Feb 10 pay ok, d4 Feb 15 pay FAILED,
 *   d6 Feb 20 plat ok (d5 is staging). Failures: d2 (inc2 names it), d3 (inc1, 1 day after it), d4 (status).
 * Incidents resolved: inc2 (plat) Jan 22, 2 days; inc1 (pay) Feb 11, 0.5 day; inc3 unresolved.
 * Work items resolved: wi1 (pay, has pr1) Jan 10; wi2 (plat, no PR) Jan 20.
 *
 * Payments (its own records):
 *   2026-01: LTTC stages 1/1/1/0.5/0.5, LTTC 4, 1 change; WI 1/1/100%; DF 1, 1/31 = 0.0323;
 *            CFR 1 ok 0 failed 0%; MTTR none. Ratings: LTTC 4 High, DF 0.0323 < 1/30 Low, CFR Elite,
 *            MTTR empty → overall mean(3,1,4) = 2.67 → High.
 *   2026-02: PLANNING/BUILD empty, CODING 1, REVIEW 1, DEPLOY 7, LTTC 9; WI 0/0/empty; DF 1, 1/28 = 0.0357;
 *            CFR d3+d4 both failed: 0/2/100%; MTTR 0.5, 1. Ratings Medium, Medium, Low, High → 2 → Medium.
 *   TOTAL:   medians over pr1, pr3: DEPLOY (0.5, 7) → 3.75, LTTC (4, 9) → 6.5, 2 changes; DF 2/59 = 0.0339;
 *            CFR 1 ok 2 failed 66.67%; MTTR 0.5. Ratings High, Medium, Low, High → 2.25 → Medium.
 * Platform (rolls Payments up):
 *   2026-01: pr1 + pr2: PLANNING 1, CODING 0.75, REVIEW 0.75, BUILD 0.5, DEPLOY 1.25, LTTC 3.5, 2 changes;
 *            WI 2/1/50%; DF d1+d2 2, 2/31 = 0.0645; CFR 1 ok 1 failed 50%; MTTR 2, 1.
 *            Ratings High, Medium, Low, Medium → 2 → Medium.
 *   2026-02: pr3: LTTC 9; DF d3+d6 2, 2/28 = 0.0714; CFR d3,d4,d6: 1 ok 2 failed 66.67%; MTTR 0.5.
 *   TOTAL:   LTTC (3, 4, 9) median 4, DEPLOY (0.5, 2, 7) → 2, CODING (0.5, 1, 1) → 1, 3 changes;
 *            WI 2/1/50%; DF 4/59 = 0.0678; CFR 2 ok 3 failed 60%; MTTR (0.5, 2) → 1.25, 2 incidents.
 *            Ratings LTTC 4 High, DF Medium, CFR Low, MTTR 1.25 Medium → 2 → Medium.
 */
describe("end to end: ingest, export, poll, download", () => {
  let rows: Record<string, string>[];
  let header: string;
  let gzipId: string;

  beforeAll(async () => {
    await ingestDataset();
    gzipId = await completedExport("gzip");
    const res = await api.download(gzipId);
    expect(res.status).toBe(200);
    const text = await csvText(res);
    header = text.slice(0, text.indexOf("\n"));
    rows = parseCsv(text);
  });

  const row = (teamId: string, period: string) => {
    const found = rows.find((r) => r.Team_Id === teamId && r.Period === period);
    if (!found) throw new Error(`no row ${teamId} ${period}`);
    return found;
  };

  it("GET …/download (gzip) → application/gzip with the file name efficiency-{id}.csv.gz", async () => {
    const res = await api.download(gzipId);
    expect(res.headers.get("content-type")).toBe("application/gzip");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="efficiency-${gzipId}.csv.gz"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
  });

  it("the CSV has the hierarchy columns then every group's columns, in spec order", () => {
    expect(header).toBe(
      "Team_Id,Team_Ref_Id,Team_Name,Parent_Team_Id,Team_Hierarchy,Org_Tree,Period,Start_Date,End_Date," +
        "PLANNING_Median_Days,CODING_Median_Days,REVIEW_Median_Days,BUILD_Median_Days,DEPLOY_Median_Days,LTTC_Median_Days,LTTC_Change_Count," +
        "TOTAL_WORK_ITEMS,PR_ASSOCIATIONS,PERCENTAGE_PR_ASSOCIATED,DF_Deployment_Count,DF_Per_Day," +
        "CFR_Total_Success,CFR_Total_Failures,CFR_Percent,MTTR_Median_Days,MTTR_Incident_Count," +
        "LTTC_Rating,DF_Rating,CFR_Rating,MTTR_Rating,OVERALL_RATING",
    );
  });

  it("rows run depth-first, then by period, each team's TOTAL row after its periods", () => {
    expect(rows.map((r) => `${r.Team_Id} ${r.Period} ${r.Start_Date}..${r.End_Date}`)).toEqual([
      "plat 2026-01 2026-01-01..2026-01-31",
      "plat 2026-02 2026-02-01..2026-02-28",
      "plat TOTAL 2026-01-01..2026-02-28",
      "pay 2026-01 2026-01-01..2026-01-31",
      "pay 2026-02 2026-02-01..2026-02-28",
      "pay TOTAL 2026-01-01..2026-02-28",
    ]);
    expect(row("pay", "2026-01")).toMatchObject({
      Team_Ref_Id: String(PAYMENTS.refId),
      Team_Name: PAYMENTS.name,
      Parent_Team_Id: PLATFORM.id,
      Team_Hierarchy: "Platform / Payments",
      Org_Tree: ORG_TREE,
    });
    expect(row("plat", "2026-01")).toMatchObject({ Parent_Team_Id: "", Team_Hierarchy: "Platform" });
  });

  it("Payments, January: lead time stages, work items, DF, CFR, empty MTTR, ratings", () => {
    expect(row("pay", "2026-01")).toMatchObject({
      PLANNING_Median_Days: "1.0000",
      CODING_Median_Days: "1.0000",
      REVIEW_Median_Days: "1.0000",
      BUILD_Median_Days: "0.5000",
      DEPLOY_Median_Days: "0.5000",
      LTTC_Median_Days: "4.0000",
      LTTC_Change_Count: "1",
      TOTAL_WORK_ITEMS: "1",
      PR_ASSOCIATIONS: "1",
      PERCENTAGE_PR_ASSOCIATED: "100.00",
      DF_Deployment_Count: "1",
      DF_Per_Day: "0.0323",
      CFR_Total_Success: "1",
      CFR_Total_Failures: "0",
      CFR_Percent: "0.00",
      MTTR_Median_Days: "",
      MTTR_Incident_Count: "0",
      LTTC_Rating: "High",
      DF_Rating: "Low",
      CFR_Rating: "Elite",
      MTTR_Rating: "",
      OVERALL_RATING: "High",
    });
  });

  it("Payments, February: missing stages are empty, a failed deployment and an incident both fail", () => {
    expect(row("pay", "2026-02")).toMatchObject({
      PLANNING_Median_Days: "",
      CODING_Median_Days: "1.0000",
      REVIEW_Median_Days: "1.0000",
      BUILD_Median_Days: "",
      DEPLOY_Median_Days: "7.0000",
      LTTC_Median_Days: "9.0000",
      LTTC_Change_Count: "1",
      TOTAL_WORK_ITEMS: "0",
      PERCENTAGE_PR_ASSOCIATED: "",
      DF_Deployment_Count: "1",
      DF_Per_Day: "0.0357",
      CFR_Total_Success: "0",
      CFR_Total_Failures: "2",
      CFR_Percent: "100.00",
      MTTR_Median_Days: "0.5000",
      MTTR_Incident_Count: "1",
      LTTC_Rating: "Medium",
      DF_Rating: "Medium",
      CFR_Rating: "Low",
      MTTR_Rating: "High",
      OVERALL_RATING: "Medium",
    });
  });

  it("Payments, TOTAL: the whole range as one period", () => {
    expect(row("pay", "TOTAL")).toMatchObject({
      DEPLOY_Median_Days: "3.7500",
      LTTC_Median_Days: "6.5000",
      LTTC_Change_Count: "2",
      DF_Deployment_Count: "2",
      DF_Per_Day: "0.0339",
      CFR_Total_Success: "1",
      CFR_Total_Failures: "2",
      CFR_Percent: "66.67",
      MTTR_Median_Days: "0.5000",
      OVERALL_RATING: "Medium",
    });
  });

  it("Platform, January: Payments' records roll up into its parent", () => {
    expect(row("plat", "2026-01")).toMatchObject({
      PLANNING_Median_Days: "1.0000",
      CODING_Median_Days: "0.7500",
      REVIEW_Median_Days: "0.7500",
      BUILD_Median_Days: "0.5000",
      DEPLOY_Median_Days: "1.2500",
      LTTC_Median_Days: "3.5000",
      LTTC_Change_Count: "2",
      TOTAL_WORK_ITEMS: "2",
      PR_ASSOCIATIONS: "1",
      PERCENTAGE_PR_ASSOCIATED: "50.00",
      DF_Deployment_Count: "2",
      DF_Per_Day: "0.0645",
      CFR_Total_Success: "1",
      CFR_Total_Failures: "1",
      CFR_Percent: "50.00",
      MTTR_Median_Days: "2.0000",
      MTTR_Incident_Count: "1",
      LTTC_Rating: "High",
      DF_Rating: "Medium",
      CFR_Rating: "Low",
      MTTR_Rating: "Medium",
      OVERALL_RATING: "Medium",
    });
  });

  it("Platform, February and TOTAL: medians over three changes, CFR over five deployments", () => {
    expect(row("plat", "2026-02")).toMatchObject({
      LTTC_Median_Days: "9.0000",
      DF_Deployment_Count: "2",
      DF_Per_Day: "0.0714",
      CFR_Total_Success: "1",
      CFR_Total_Failures: "2",
      CFR_Percent: "66.67",
    });
    expect(row("plat", "TOTAL")).toMatchObject({
      PLANNING_Median_Days: "1.0000",
      CODING_Median_Days: "1.0000",
      BUILD_Median_Days: "0.5000",
      DEPLOY_Median_Days: "2.0000",
      LTTC_Median_Days: "4.0000",
      LTTC_Change_Count: "3",
      TOTAL_WORK_ITEMS: "2",
      PERCENTAGE_PR_ASSOCIATED: "50.00",
      DF_Deployment_Count: "4",
      DF_Per_Day: "0.0678",
      CFR_Total_Success: "2",
      CFR_Total_Failures: "3",
      CFR_Percent: "60.00",
      MTTR_Median_Days: "1.2500",
      MTTR_Incident_Count: "2",
      LTTC_Rating: "High",
      DF_Rating: "Medium",
      CFR_Rating: "Low",
      MTTR_Rating: "Medium",
      OVERALL_RATING: "Medium",
    });
  });

  it("compression none → text/csv, efficiency-{id}.csv, the same rows uncompressed", async () => {
    const id = await completedExport("none");
    const res = await api.download(id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="efficiency-${id}.csv"`);
    const text = Buffer.from(await res.arrayBuffer()).toString("utf8");
    expect(text.startsWith("Team_Id,Team_Ref_Id,")).toBe(true);
    expect(parseCsv(text)).toEqual(rows);
  });

  it("mean aggregation: Platform's TOTAL lead time is the mean (3 + 4 + 9) / 3 = 5.3333", async () => {
    const res = await api.createExport({
      scope: { teamId: "plat" },
      dateRange: { start: "2026-01-01", end: "2026-02-28" },
      metricGroups: ["lttc", "summary"],
      options: { granularity: "MONTHLY", aggregation: "mean", compression: "none" },
    });
    const { exportId } = await json<{ exportId: string }>(res);
    await pollUntilFinal(exportId);
    const csv = parseCsv(await csvText(await api.download(exportId)));
    expect(csv.find((r) => r.Team_Id === "plat" && r.Period === "TOTAL")).toMatchObject({
      LTTC_Mean_Days: "5.3333",
      DEPLOY_Mean_Days: "3.1667",
    });
  });

  it("GET …/download after the artifact expired → 410 GONE", async () => {
    const { db } = await runtime();
    await db
      .updateTable("export_jobs")
      .set({ expires_at: Date.now() - 1000 })
      .where("id", "=", gzipId)
      .execute();
    const res = await api.download(gzipId);
    expect(res.status).toBe(410);
    expect(await json<ErrorBody>(res)).toMatchObject({ code: "GONE" });
  });
});
