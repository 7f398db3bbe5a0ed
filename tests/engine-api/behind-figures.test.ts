// GET /v2/insights/efficiency/records and …/coverage (spec §9), against the hand-made organisation
// of dataset.ts: every metric's items, pagination to the end, range edges, coverage, and every
// validation error.
import { beforeAll, describe, expect, it } from "vitest";
import { ingestDataset } from "./dataset";
import { api, ingestOk, json, setupEngine, type ErrorBody } from "./helpers";

setupEngine({ jobs: false });

beforeAll(async () => {
  await ingestDataset();
});

interface Page {
  items: Record<string, unknown>[];
  total: number;
  nextCursor: string | null;
}

const RANGE = { start: "2026-01-01", end: "2026-02-28" };

async function page(query: Record<string, string | string[]>): Promise<Page> {
  const res = await api.records(query);
  if (res.status !== 200) throw new Error(`records: ${res.status} ${await res.text()}`);
  return json<Page>(res);
}

/** Every item, following nextCursor with pages of `limit`; checks each page's total. */
async function all(
  query: Record<string, string>,
  limit: number,
): Promise<{ items: Record<string, unknown>[]; pages: number }> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let total = -1;
  do {
    const p: Page = await page({ ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
    if (total >= 0) expect(p.total).toBe(total);
    total = p.total;
    expect(p.items.length).toBeLessThanOrEqual(limit);
    items.push(...p.items);
    cursor = p.nextCursor;
    pages++;
  } while (cursor !== null && pages < 100);
  expect(items).toHaveLength(total);
  return { items, pages };
}

/*
 * The organisation (dataset.ts), Platform (plat) with its child Payments (pay), 2026-01-01..02-28 UTC:
 *   lttc  pr1 (pay, d1 Jan 5, build b1, wi1), pr2 (plat, d2 Jan 13), pr3 (pay, d3 Feb 10)
 *   df    d1 Jan 5, d2 Jan 13, d3 Feb 10, d6 Feb 20 (d4 failed, d5 staging)
 *   cfr   d1, d2 (inc2 names it), d3 (inc1 a day later), d4 (status failure), d6
 *   mttr  inc2 resolved Jan 22 (2 days, d2), inc1 resolved Feb 11 12:00 (0.5 day, d3); inc3 unresolved
 *   fdrt  d2 (plat) recovered by d6 (plat) Feb 20: 38 days. d3 and d4 (pay) are never recovered.
 *   rework d1, d2, d3 no; d6 recovers d2
 */
describe("GET /v2/insights/efficiency/records – the items of each metric", () => {
  it("lttc: deployed PRs by deployment, with their links and stages", async () => {
    const p = await page({ teamId: "plat", metric: "lttc", ...RANGE });
    expect(p.total).toBe(3);
    expect(p.nextCursor).toBeNull();
    expect(p.items.map((i) => i.pullRequestId)).toEqual(["pr1", "pr2", "pr3"]);
    expect(p.items[0]).toEqual({
      pullRequestId: "pr1",
      teamId: "pay",
      repository: "svc-pay",
      workItemId: "wi1",
      buildId: "b1",
      deploymentId: "d1",
      anchor: "2026-01-05T00:00:00.000Z",
      stages: { PLANNING: 1, CODING: 1, REVIEW: 1, BUILD: 0.5, DEPLOY: 0.5 },
      lttcDays: 4,
    });
    expect(p.items[1]).toMatchObject({
      pullRequestId: "pr2",
      teamId: "plat",
      workItemId: null,
      buildId: null,
      deploymentId: "d2",
      stages: { PLANNING: null, CODING: 0.5, REVIEW: 0.5, BUILD: null, DEPLOY: 2 },
      lttcDays: 3,
    });
  });

  it("df: successful production deployments", async () => {
    const p = await page({ teamId: "plat", metric: "df", ...RANGE });
    expect(p.total).toBe(4);
    expect(p.items.map((i) => i.deploymentId)).toEqual(["d1", "d2", "d3", "d6"]);
    expect(p.items[3]).toEqual({
      deploymentId: "d6",
      teamId: "plat",
      service: null,
      repository: "other",
      finishedAt: "2026-02-20T00:00:00.000Z",
    });
  });

  it("cfr: every production deployment, failures marked with their incidents", async () => {
    const p = await page({ teamId: "plat", metric: "cfr", ...RANGE });
    expect(p.total).toBe(5);
    expect(p.items.map((i) => [i.deploymentId, i.status, i.failure, i.incidentIds])).toEqual([
      ["d1", "success", false, []],
      ["d2", "success", true, ["inc2"]],
      ["d3", "success", true, ["inc1"]],
      ["d4", "failure", true, []],
      ["d6", "success", false, []],
    ]);
  });

  it("mttr: resolved incidents by resolution, with their deployment", async () => {
    const p = await page({ teamId: "plat", metric: "mttr", ...RANGE });
    expect(p.total).toBe(2);
    expect(p.items).toEqual([
      {
        incidentId: "inc2",
        teamId: "plat",
        deploymentId: "d2",
        openedAt: "2026-01-20T00:00:00.000Z",
        resolvedAt: "2026-01-22T00:00:00.000Z",
        restoreDays: 2,
      },
      {
        incidentId: "inc1",
        teamId: "pay",
        deploymentId: "d3",
        openedAt: "2026-02-11T00:00:00.000Z",
        resolvedAt: "2026-02-11T12:00:00.000Z",
        restoreDays: 0.5,
      },
    ]);
  });

  it("fdrt: recovered failures by recovery; a child's failure never counts its parent's deployments", async () => {
    const p = await page({ teamId: "plat", metric: "fdrt", ...RANGE });
    expect(p.items).toEqual([
      {
        deploymentId: "d2",
        teamId: "plat",
        finishedAt: "2026-01-13T00:00:00.000Z",
        recoveryDeploymentId: "d6",
        recoveredAt: "2026-02-20T00:00:00.000Z",
        recoveryDays: 38,
      },
    ]);
    expect(p.total).toBe(1);
    // Payments' own failures d3 and d4: plat's d6 after them is not theirs to recover with.
    expect((await page({ teamId: "pay", metric: "fdrt", ...RANGE })).total).toBe(0);
  });

  it("rework: successful production deployments, those recovering a failure marked", async () => {
    const p = await page({ teamId: "plat", metric: "rework", ...RANGE });
    expect(p.total).toBe(4);
    expect(p.items.map((i) => [i.deploymentId, i.rework, i.recoveryOf])).toEqual([
      ["d1", false, []],
      ["d2", false, []],
      ["d3", false, []],
      ["d6", true, ["d2"]],
    ]);
  });

  it("the scope is the team and its descendants", async () => {
    const p = await page({ teamId: "pay", metric: "df", ...RANGE });
    expect(p.items.map((i) => i.deploymentId)).toEqual(["d1", "d3"]);
  });
});

describe("GET /v2/insights/efficiency/records – pages and order", () => {
  it.each(["lttc", "df", "cfr", "mttr", "fdrt", "rework"])("%s: pages of 1 to the end, in order", async (metric) => {
    const whole = await page({ teamId: "plat", metric, ...RANGE, limit: "1000" });
    const { items, pages } = await all({ teamId: "plat", metric, ...RANGE }, 1);
    expect(items).toEqual(whole.items);
    expect(pages).toBe(Math.max(1, whole.total));
  });

  it("a page as long as what is left has no next cursor", async () => {
    const p = await page({ teamId: "plat", metric: "cfr", ...RANGE, limit: "5" });
    expect(p.items).toHaveLength(5);
    expect(p.nextCursor).toBeNull();
    const q = await page({ teamId: "plat", metric: "cfr", ...RANGE, limit: "4" });
    expect(q.nextCursor).not.toBeNull();
  });

  it("a scope of many teams pages its deployed PRs in deployment order, equal instants by id, byte by byte", async () => {
    // More teams than a scope whose pages read each team's index: these read the project's in order.
    const squads = Array.from({ length: 33 }, (_, i) => `wide-${String(i).padStart(2, "0")}`);
    await ingestOk("teams", [
      { id: "wide", name: "Wide", orgTree: "Wide", refId: 900, parentId: null },
      ...squads.map((id, i) => ({ id, name: id, orgTree: "Wide", refId: 901 + i, parentId: "wide" })),
    ]);
    const pr = (id: string, teamId: string) => ({
      id,
      teamId,
      repository: "svc-wide",
      firstCommitAt: "2026-04-01T00:00:00Z",
      openedAt: "2026-04-01T01:00:00Z",
      mergedAt: "2026-04-01T02:00:00Z",
    });
    await ingestOk("pull-requests", [
      pr("wide-pr-b", "wide-01"),
      pr("wide-pr-B", "wide-02"),
      pr("wide-pr-a", "wide-03"),
    ]);
    await ingestOk("deployments", [
      {
        id: "wide-d1",
        teamId: "wide",
        repository: "svc-wide",
        environment: "production",
        status: "success",
        finishedAt: "2026-04-02T00:00:00Z",
      },
    ]);
    const query = { teamId: "wide", metric: "lttc", start: "2026-04-01", end: "2026-04-30" };
    const first = await page({ ...query, limit: "1" });
    expect(first.items.map((i) => i.pullRequestId)).toEqual(["wide-pr-B"]);
    const rest = await page({ ...query, cursor: first.nextCursor! });
    expect(rest.items.map((i) => [i.pullRequestId, i.teamId, i.deploymentId])).toEqual([
      ["wide-pr-a", "wide-03", "wide-d1"],
      ["wide-pr-b", "wide-01", "wide-d1"],
    ]);
    expect(rest.total).toBe(3);
  });

  it("equal anchors are ordered by id, byte by byte; records added meanwhile do not shift later pages", async () => {
    await ingestOk("deployments", [
      { id: "tie-b", teamId: "plat", environment: "production", status: "success", finishedAt: "2026-03-02T00:00:00Z" },
      { id: "tie-B", teamId: "plat", environment: "production", status: "success", finishedAt: "2026-03-02T00:00:00Z" },
      { id: "tie-a", teamId: "plat", environment: "production", status: "success", finishedAt: "2026-03-02T00:00:00Z" },
    ]);
    const query = { teamId: "plat", metric: "df", start: "2026-03-01", end: "2026-03-31" };
    const first = await page({ ...query, limit: "1" });
    expect(first.items.map((i) => i.deploymentId)).toEqual(["tie-B"]);
    await ingestOk("deployments", [
      { id: "tie-0", teamId: "plat", environment: "production", status: "success", finishedAt: "2026-03-01T00:00:00Z" },
    ]);
    const rest = await page({ ...query, cursor: first.nextCursor! });
    expect(rest.items.map((i) => i.deploymentId)).toEqual(["tie-a", "tie-b"]);
    expect(rest.total).toBe(4);
  });
});

describe("GET /v2/insights/efficiency/records – the range is one period in the time zone", () => {
  // d2 finished at 2026-01-13T00:00:00Z.
  it.each([
    ["UTC, the day it finished at midnight", "2026-01-13", "UTC", ["d2"]],
    ["UTC, the day before: its end is exclusive", "2026-01-12", "UTC", []],
    ["Europe/Paris, Jan 13 (from Jan 12 23:00 UTC)", "2026-01-13", "Europe/Paris", ["d2"]],
    ["Europe/Paris, Jan 12 (until Jan 12 23:00 UTC)", "2026-01-12", "Europe/Paris", []],
    ["America/New_York, Jan 12 (until Jan 13 05:00 UTC)", "2026-01-12", "America/New_York", ["d2"]],
  ])("%s", async (_name, day, timezone, ids) => {
    const p = await page({ teamId: "plat", metric: "df", start: day, end: day, timezone });
    expect(p.items.map((i) => i.deploymentId)).toEqual(ids);
    expect(p.total).toBe(ids.length);
  });
});

describe("GET /v2/insights/efficiency/coverage", () => {
  it("counts for the team with its descendants", async () => {
    const res = await api.coverage({ teamId: "plat", start: "2026-01-01", end: "2026-02-28" });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      pullRequests: { merged: 3, deployed: 3, withWorkItem: 1, withBuild: 1 },
      // d6 lists nothing and no PR of its repository: no changes. d2, d3, d4 failed.
      deployments: { production: 5, withChanges: 3, failed: 3 },
      incidents: { opened: 3, linked: 2, unresolved: 1 },
      workItems: { resolved: 2, withPullRequest: 1 },
    });
  });

  it("a child team: its own records only", async () => {
    const res = await api.coverage({ teamId: "pay", start: "2026-01-01", end: "2026-02-28", timezone: "UTC" });
    expect(await json(res)).toEqual({
      pullRequests: { merged: 2, deployed: 2, withWorkItem: 1, withBuild: 1 },
      deployments: { production: 3, withChanges: 2, failed: 2 },
      incidents: { opened: 2, linked: 1, unresolved: 1 },
      workItems: { resolved: 1, withPullRequest: 1 },
    });
  });

  it("follows changes to the data", async () => {
    await ingestOk("incidents", [{ id: "inc9", teamId: "pay", openedAt: "2026-01-05T06:00:00Z" }]);
    const res = await api.coverage({ teamId: "pay", start: "2026-01-01", end: "2026-02-28" });
    expect(await json(res)).toMatchObject({
      deployments: { production: 3, withChanges: 2, failed: 3 },
      incidents: { opened: 3, linked: 2, unresolved: 2 },
    });
    const cfr = await page({ teamId: "pay", metric: "cfr", ...RANGE });
    expect(cfr.items[0]).toMatchObject({ deploymentId: "d1", failure: true, incidentIds: ["inc9"] });
    await api.remove("incidents", "inc9");
  });
});

describe("errors (spec §8, §9)", () => {
  const base = { teamId: "plat", metric: "df", start: "2026-01-01", end: "2026-02-28" };
  const without = (name: string) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== name));

  // [case, query, the fields `details` must name]
  const INVALID: [string, Record<string, string | string[]>, string[]][] = [
    ["no teamId", without("teamId"), ["teamId"]],
    ["a blank teamId", { ...base, teamId: " " }, ["teamId"]],
    ["no metric", without("metric"), ["metric"]],
    ["an unknown metric", { ...base, metric: "velocity" }, ["metric"]],
    ["no start", without("start"), ["start"]],
    ["no end", without("end"), ["end"]],
    ["an unreal date", { ...base, end: "2026-02-30" }, ["end"]],
    ["a date not yyyy-MM-dd", { ...base, start: "2026-1-01" }, ["start"]],
    ["end before start", { ...base, start: "2026-03-01" }, ["end"]],
    ["1,097 days apart", { ...base, start: "2023-01-01", end: "2026-01-02" }, ["end"]],
    ["an unknown time zone", { ...base, timezone: "Mars/Olympus" }, ["timezone"]],
    ["a time zone as an offset", { ...base, timezone: "+01:00" }, ["timezone"]],
    ["limit 0", { ...base, limit: "0" }, ["limit"]],
    ["limit 1001", { ...base, limit: "1001" }, ["limit"]],
    ["limit not an integer", { ...base, limit: "2.5" }, ["limit"]],
    ["limit not a number", { ...base, limit: "ten" }, ["limit"]],
    ["a cursor that is not one", { ...base, cursor: "not-a-cursor" }, ["cursor"]],
    ["a cursor with other characters", { ...base, cursor: "a b" }, ["cursor"]],
    ["a parameter twice", { ...base, metric: ["df", "cfr"] }, ["metric"]],
    ["an unknown parameter", { ...base, granularity: "WEEKLY" }, ["granularity"]],
    [
      "several problems at once",
      { metric: "x", start: "nope", end: "2026-01-01", limit: "0" },
      ["teamId", "metric", "start", "limit"],
    ],
  ];

  it.each(INVALID)("records – %s → 400 naming it", async (_name, query, fields) => {
    const res = await api.records(query);
    expect(res.status).toBe(400);
    const body = await json<ErrorBody>(res);
    expect(body.code).toBe("INVALID_ARGUMENT");
    expect(body.details?.map((d) => d.field).sort()).toEqual([...fields].sort());
  });

  it("records – a cursor of another query → 400 naming cursor", async () => {
    const first = await page({ ...base, limit: "1" });
    const res = await api.records({ ...base, metric: "cfr", cursor: first.nextCursor! });
    expect(res.status).toBe(400);
    expect((await json<ErrorBody>(res)).details).toEqual([
      { field: "cursor", message: expect.stringMatching(/another query/) },
    ]);
  });

  it("records – metric names are case-insensitive; deployment_frequency is df", async () => {
    expect((await page({ ...base, metric: "DF" })).total).toBe(4);
    expect((await page({ ...base, metric: "deployment_frequency" })).total).toBe(4);
  });

  it.each([
    ["no teamId", { start: "2026-01-01", end: "2026-02-28" }, ["teamId"]],
    ["end before start", { teamId: "plat", start: "2026-03-01", end: "2026-02-28" }, ["end"]],
    [
      "an unknown time zone",
      { teamId: "plat", start: "2026-01-01", end: "2026-02-28", timezone: "Nowhere" },
      ["timezone"],
    ],
    ["a records parameter", { teamId: "plat", start: "2026-01-01", end: "2026-02-28", metric: "df" }, ["metric"]],
    ["start twice", { teamId: "plat", start: ["2026-01-01", "2026-01-02"], end: "2026-02-28" }, ["start"]],
  ])("coverage – %s → 400 naming it", async (_name, query, fields) => {
    const res = await api.coverage(query);
    expect(res.status).toBe(400);
    expect((await json<ErrorBody>(res)).details?.map((d) => d.field)).toEqual(fields);
  });

  it.each([
    ["records", () => api.records({ ...base, teamId: "ghost" })],
    ["coverage", () => api.coverage({ teamId: "ghost", start: "2026-01-01", end: "2026-02-28" })],
    ["records of another project", () => api.records(base, { project: "other" })],
  ])("%s – an unknown team → 404", async (_name, call) => {
    const res = await call();
    expect(res.status).toBe(404);
    expect((await json<ErrorBody>(res)).code).toBe("NOT_FOUND");
  });

  it.each([
    ["records", (o: { auth?: string | null; project?: string | null }) => api.records(base, o)],
    ["coverage", (o: { auth?: string | null; project?: string | null }) => api.coverage(base, o)],
  ])("%s – no API key → 401; no projectIdentifier → 400", async (_name, call) => {
    expect((await call({ auth: null })).status).toBe(401);
    expect((await call({ auth: "ApiKey wrong" })).status).toBe(401);
    const res = await call({ project: null });
    expect(res.status).toBe(400);
    expect((await json<ErrorBody>(res)).details?.[0]?.field).toBe("projectIdentifier");
  });
});
