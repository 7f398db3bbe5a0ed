// The records behind a figure are exactly its population (spec §9): on the demo organisation, for
// every team and every metric, the records' total equals the export's count over the same range,
// and a team's whole list gives back the export's figures.
import { beforeAll, describe, expect, it } from "vitest";
import { demoOrg, ingestOrg } from "@/lib/demo";
import { api, csvText, json, parseCsv, pollUntilFinal, setupEngine, ORG } from "./helpers";

const runtime = setupEngine();
const PROJECT = "demo";
const opts = { project: PROJECT };
const RANGE = { start: "2025-06-01", end: "2026-05-31" };

interface Page {
  items: Record<string, unknown>[];
  total: number;
  nextCursor: string | null;
}

async function exportRows(timezone: string, teamId?: string): Promise<Record<string, string>[]> {
  const scope = teamId ? { teamId } : { orgTreeName: TREE, orgIdentifier: ORG };
  const res = await api.createExport(
    {
      scope,
      dateRange: RANGE,
      metricGroups: ["lttc", "df", "cfr", "mttr", "fdrt", "rework", "summary"],
      options: { granularity: "QUARTERLY", aggregation: "mean", compression: "none", timezone },
    },
    opts,
  );
  expect([200, 202]).toContain(res.status);
  const { exportId } = await json<{ exportId: string }>(res);
  expect(await pollUntilFinal(exportId, opts, 60_000)).toMatchObject({ status: "COMPLETED" });
  return parseCsv(await csvText(await api.download(exportId, opts))).filter((r) => r.Period === "TOTAL");
}

async function page(query: Record<string, string>): Promise<Page> {
  const res = await api.records(query, opts);
  if (res.status !== 200) throw new Error(`records: ${res.status} ${await res.text()}`);
  return json<Page>(res);
}

async function everything(query: Record<string, string>): Promise<Page> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    const p: Page = await page({ ...query, limit: "250", ...(cursor ? { cursor } : {}) });
    items.push(...p.items);
    total = p.total;
    cursor = p.nextCursor;
  } while (cursor);
  return { items, total, nextCursor: null };
}

/** The export's count of each metric's population, from a TOTAL row. */
const COUNTS: Record<string, (row: Record<string, string>) => number> = {
  lttc: (r) => Number(r.LTTC_Change_Count),
  df: (r) => Number(r.DF_Deployment_Count),
  cfr: (r) => Number(r.CFR_Total_Success) + Number(r.CFR_Total_Failures),
  mttr: (r) => Number(r.MTTR_Incident_Count),
  fdrt: (r) => Number(r.FDRT_Failure_Count),
  rework: (r) => Number(r.DF_Deployment_Count),
};

let TREE = "";

beforeAll(async () => {
  const { db } = await runtime();
  const org = demoOrg(new Date(Date.UTC(2026, 5, 1)));
  await ingestOrg(db, { org: ORG, project: PROJECT }, org);
  const teams = await db.selectFrom("teams").select("org_tree").where("project_id", "=", PROJECT).execute();
  TREE = teams[0]!.org_tree;
}, 120_000);

describe("records' totals against the export (demo organisation)", () => {
  it.each(["UTC", "America/New_York"])(
    "every team, every metric, time zone %s",
    async (timezone) => {
      const rows = await exportRows(timezone);
      expect(rows.length).toBeGreaterThan(3);
      for (const row of rows) {
        for (const [metric, count] of Object.entries(COUNTS)) {
          const p = await page({ teamId: row.Team_Id!, metric, ...RANGE, timezone, limit: "1" });
          expect(p.total, `${row.Team_Id} ${metric}`).toBe(count(row));
        }
      }
      // The organisation has failures, recoveries and rework to count.
      const root = rows[0]!;
      expect(Number(root.FDRT_Failure_Count)).toBeGreaterThan(0);
      expect(Number(root.REWORK_Deployment_Count)).toBeGreaterThan(0);
    },
    120_000,
  );

  it("a team's whole list gives back the export's figures", async () => {
    const [root] = await exportRows("UTC");
    const teamId = root!.Team_Id!;
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const q = { teamId, ...RANGE };

    const lttc = await everything({ ...q, metric: "lttc" });
    expect(lttc.items).toHaveLength(lttc.total);
    expect(mean(lttc.items.map((i) => i.lttcDays as number)).toFixed(4)).toBe(root!.LTTC_Mean_Days);
    const anchors = lttc.items.map((i) => `${i.anchor as string}\u0000${i.pullRequestId as string}`);
    expect(anchors).toEqual([...anchors].sort());
    expect(lttc.items.every((i) => typeof i.deploymentId === "string" && i.deploymentId !== "")).toBe(true);

    const cfr = await everything({ ...q, metric: "cfr" });
    expect(cfr.items.filter((i) => i.failure).length).toBe(Number(root!.CFR_Total_Failures));

    const mttr = await everything({ ...q, metric: "mttr" });
    expect(mean(mttr.items.map((i) => i.restoreDays as number)).toFixed(4)).toBe(root!.MTTR_Mean_Days);

    const fdrt = await everything({ ...q, metric: "fdrt" });
    expect(mean(fdrt.items.map((i) => i.recoveryDays as number)).toFixed(4)).toBe(root!.FDRT_Mean_Days);

    const rework = await everything({ ...q, metric: "rework" });
    expect(rework.items.filter((i) => i.rework).length).toBe(Number(root!.REWORK_Deployment_Count));
    // Each recovery lists the failures it recovers, and those failures name it as their recovery.
    const recoveredBy = new Map(fdrt.items.map((i) => [i.deploymentId, i.recoveryDeploymentId]));
    for (const item of rework.items)
      for (const failed of item.recoveryOf as string[])
        if (recoveredBy.has(failed)) expect(recoveredBy.get(failed)).toBe(item.deploymentId);
  }, 120_000);

  it("coverage agrees with the records", async () => {
    const [root] = await exportRows("UTC");
    const res = await api.coverage({ teamId: root!.Team_Id!, ...RANGE }, opts);
    const c = await json<{
      deployments: { production: number; failed: number };
      pullRequests: { merged: number; deployed: number };
    }>(res);
    expect(c.deployments.production).toBe(COUNTS.cfr!(root!));
    expect(c.deployments.failed).toBe(Number(root!.CFR_Total_Failures));
    expect(c.pullRequests.deployed).toBeLessThanOrEqual(c.pullRequests.merged);
  });
});
