// POST /v2/insights/teams/reports (spec §7), over the hand-made organisation of dataset.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { ingestDataset, PAYMENTS, PLATFORM } from "./dataset";
import { api, json, parseCsv, setupEngine, type ErrorBody } from "./helpers";

setupEngine({ jobs: false });

beforeAll(async () => {
  await ingestDataset();
});

const body = (extra: Record<string, unknown> = {}) => ({
  dateStart: "2026-01-01",
  dateEnd: "2026-02-28",
  teamRefId: PLATFORM.refId,
  ...extra,
});

/*
 * By hand (see end-to-end.test.ts for the per-PR figures), range 59 days, calculation MEAN:
 *   Platform (rolls up Payments): LTTC mean(4, 3, 9) = 5.3333; DF weekly = 4 ÷ (59 ÷ 7) = 0.4746;
 *     CFR 3 of 5 = 60.00; MTTR mean(2, 0.5) = 1.2500; overall: LTTC High 3, DF 4/59 per day Medium 2,
 *     CFR Low 1, MTTR Medium 2 → 2 → Medium.
 *   Payments: LTTC mean(4, 9) = 6.5000; DF 2 ÷ (59 ÷ 7) = 0.2373; CFR 2 of 3 = 66.67; MTTR 0.5000;
 *     overall High 3, Medium 2, Low 1, High 3 → 2.25 → Medium.
 *   Daily DF of Platform: 4 ÷ 59 = 0.0678; monthly: 4 ÷ (59 ÷ 30.4375) = 2.0636.
 *   MEDIAN LTTC of Platform: median(3, 4, 9) = 4.0000.
 */
describe("POST /v2/insights/teams/reports", () => {
  it("→ 200 text/csv named efficiency-report-{teamRefId}.csv, one row per team, all five metrics", async () => {
    const res = await api.report(body(), { query: { format: "csv" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="efficiency-report-${PLATFORM.refId}.csv"`,
    );
    expect(await res.text()).toBe(
      "Team_Ref_Id,Team_Name,Team_Hierarchy,LEAD_TIME_FOR_CHANGES,DEPLOYMENT_FREQUENCY,CHANGE_FAILURE_RATE,MEAN_TIME_TO_RESTORE,OVERALL_DORA\n" +
        "101,Platform,Platform,5.3333,0.4746,60.00,1.2500,Medium\n" +
        "102,Payments,Platform / Payments,6.5000,0.2373,66.67,0.5000,Medium\n",
    );
  });

  it("metrics are case-insensitive and come out in spec order whatever the order asked", async () => {
    const res = await api.report(
      body({
        teamRefId: PAYMENTS.refId,
        efficiency: { metrics: ["overall_dora", "Change_Failure_Rate", "LEAD_TIME_FOR_CHANGES"] },
      }),
    );
    expect(await res.text()).toBe(
      "Team_Ref_Id,Team_Name,Team_Hierarchy,LEAD_TIME_FOR_CHANGES,CHANGE_FAILURE_RATE,OVERALL_DORA\n" +
        "102,Payments,Platform / Payments,6.5000,66.67,Medium\n",
    );
  });

  it("an empty metrics list means all five", async () => {
    const res = await api.report(body({ efficiency: { metrics: [] } }));
    expect((await res.text()).split("\n")[0]).toBe(
      "Team_Ref_Id,Team_Name,Team_Hierarchy,LEAD_TIME_FOR_CHANGES,DEPLOYMENT_FREQUENCY,CHANGE_FAILURE_RATE,MEAN_TIME_TO_RESTORE,OVERALL_DORA",
    );
  });

  it.each([
    ["daily", "0.0678"],
    ["monthly", "2.0636"],
    ["WEEKLY", "0.4746"],
  ])("granularity %s → deployments per unit %s", async (granularity, df) => {
    const res = await api.report(body({ granularity, efficiency: { metrics: ["DEPLOYMENT_FREQUENCY"] } }));
    expect(parseCsv(await res.text())[0]).toMatchObject({ Team_Name: "Platform", DEPLOYMENT_FREQUENCY: df });
  });

  it("calculationType MEDIAN → median lead time", async () => {
    const res = await api.report(
      body({ efficiency: { metrics: ["LEAD_TIME_FOR_CHANGES"], calculationType: "median" } }),
    );
    expect(parseCsv(await res.text())[0]).toMatchObject({ LEAD_TIME_FOR_CHANGES: "4.0000" });
  });

  // "No rows: a 0-byte body" can only mean a team set with no rows; a known teamRefId always has at
  // least its own row, so a range without data still lists every team, with empty figures (DF 0).
  it("a range with no data still lists the teams, with empty figures and DF 0 (rated Low)", async () => {
    const res = await api.report(body({ dateStart: "2025-06-01", dateEnd: "2025-06-30" }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(
      "Team_Ref_Id,Team_Name,Team_Hierarchy,LEAD_TIME_FOR_CHANGES,DEPLOYMENT_FREQUENCY,CHANGE_FAILURE_RATE,MEAN_TIME_TO_RESTORE,OVERALL_DORA\n" +
        "101,Platform,Platform,,0.0000,,,Low\n" +
        "102,Payments,Platform / Payments,,0.0000,,,Low\n",
    );
  });

  it.each(["json", "xlsx"])("format=%s → 400 naming format", async (format) => {
    const res = await api.report(body(), { query: { format } });
    expect(res.status).toBe(400);
    expect(await json<ErrorBody>(res)).toMatchObject({ code: "INVALID_ARGUMENT", details: [{ field: "format" }] });
  });

  it("an unknown teamRefId → 404", async () => {
    const res = await api.report(body({ teamRefId: 4242 }));
    expect(res.status).toBe(404);
    expect(await json<ErrorBody>(res)).toMatchObject({ code: "NOT_FOUND" });
  });

  it("an unknown teamRefId with orgIdentifier → 404", async () => {
    expect((await api.report(body({ teamRefId: 4242 }), { org: "acme" })).status).toBe(404);
  });

  it.each([
    ["an unreal date", { dateStart: "2026-02-30" }, "dateStart"],
    ["dateEnd before dateStart", { dateEnd: "2025-12-31" }, "dateEnd"],
    ["an unknown metric", { efficiency: { metrics: ["VELOCITY"] } }, "efficiency.metrics[0]"],
    ["an unknown calculationType", { efficiency: { calculationType: "MODE" } }, "efficiency.calculationType"],
    ["a teamRefId that is not an integer", { teamRefId: "101" }, "teamRefId"],
  ])("%s → 400 naming %s", async (_case, extra, field) => {
    const res = await api.report(body(extra));
    expect(res.status).toBe(400);
    expect((await json<ErrorBody>(res)).details?.map((d) => d.field)).toContain(field);
  });
});
