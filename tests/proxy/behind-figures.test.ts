// GET /api/records and /api/coverage against the embedded engine, in process: passed through with
// the exports' access rule (a team the user may see, its sub-teams included), every parameter
// validated, pages followed by cursor to the end.
import { beforeAll, describe, expect, it } from "vitest";
import { setSeiClient } from "@/lib/sei";
import { ingest } from "@/lib/engine/ingest";
import { GET as recordsRoute } from "@/app/api/records/route";
import { api, json, request, setupProxy } from "./helpers";

const env = setupProxy("embedded");
const call = api(env);
const users = () => env().users;
const SCOPE = { org: "acme", project: "web" };
const JAN = { start: "2026-01-01", end: "2026-01-31" };

beforeAll(async () => {
  setSeiClient(null);
  const { db } = env().runtime;
  const pr = (id: string, teamId: string, mergedAt: string | null) => ({
    id,
    teamId,
    repository: "acme/pay",
    firstCommitAt: "2026-01-02T09:00:00Z",
    openedAt: "2026-01-03T09:00:00Z",
    ...(mergedAt ? { mergedAt } : {}),
  });
  const data = {
    teams: [
      { id: "eng", name: "Engineering", orgTree: "Eng", refId: 1, parentId: null },
      { id: "pay", name: "Payments", orgTree: "Eng", refId: 2, parentId: "eng" },
      { id: "ops", name: "Operations", orgTree: "Ops", refId: 5, parentId: null },
    ],
    "pull-requests": [
      pr("github:acme/pay#1", "pay", "2026-01-05T10:00:00Z"),
      pr("github:acme/pay#2", "pay", "2026-01-06T10:00:00Z"),
      pr("github:acme/pay#3", "pay", "2026-01-07T10:00:00Z"),
      pr("pr-eng-1", "eng", "2026-01-07T10:00:00Z"),
    ],
    deployments: [
      {
        id: "d1",
        teamId: "pay",
        environment: "production",
        status: "success",
        finishedAt: "2026-01-10T00:00:00Z",
        pullRequestIds: ["github:acme/pay#1", "github:acme/pay#2"],
      },
      { id: "d2", teamId: "pay", environment: "prod", status: "failure", finishedAt: "2026-01-12T00:00:00Z" },
      { id: "d3", teamId: "ops", environment: "prod", status: "success", finishedAt: "2026-01-12T00:00:00Z" },
    ],
    incidents: [
      {
        id: "inc-1",
        teamId: "pay",
        openedAt: "2026-01-10T02:00:00Z",
        resolvedAt: "2026-01-10T08:00:00Z",
        deploymentId: "d1",
      },
    ],
  } as const;
  for (const [kind, items] of Object.entries(data)) {
    const out = await ingest(db, SCOPE, kind as never, { items: items as never });
    if (!out.ok) throw new Error(`ingest ${kind}: ${JSON.stringify(out.details)}`);
  }
});

type Page = { items: Record<string, unknown>[]; total: number; nextCursor: string | null };

describe("GET /api/records", () => {
  it("a team the user may see: its figure's records, page by page to the end", async () => {
    const seen: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string> = { teamId: "pay", metric: "lttc", ...JAN, limit: "1" };
      if (cursor) query.cursor = cursor;
      const res = await call.records({ user: users().alice, query });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      const page = await json<Page>(res);
      expect(page.total).toBe(2);
      seen.push(...page.items.map((i) => i.pullRequestId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 5);
    expect(pages).toBe(2);
    expect(seen).toEqual(["github:acme/pay#1", "github:acme/pay#2"]);
  });

  it("CFR: the deployments, the failed ones marked with their incidents", async () => {
    const res = await call.records({ user: users().alice, query: { teamId: "pay", metric: "cfr", ...JAN } });
    const page = await json<Page>(res);
    expect(page.items.map((i) => [i.deploymentId, i.failure, i.incidentIds])).toEqual([
      ["d1", true, ["inc-1"]],
      ["d2", true, []],
    ]);
  });

  it.each([
    ["alice", "pay", 200],
    ["alice", "eng", 403],
    ["alice", "ops", 403],
    ["bob", "ops", 200],
    ["bob", "pay", 403],
    ["admin", "eng", 200],
  ] as const)("%s asks for team %s → %i", async (user, teamId, status) => {
    const res = await call.records({ user: users()[user], query: { teamId, metric: "df", ...JAN } });
    expect(res.status).toBe(status);
    if (status === 403)
      expect(await json(res)).toEqual({ code: "PERMISSION_DENIED", message: "You may not see this team." });
  });

  it("a denied ask is logged, with the user and the team", async () => {
    await call.records({ user: users().bob, query: { teamId: "pay", metric: "df", ...JAN } });
    const line = env()
      .logs.filter((l) => l.includes('"proxy.denied"') && l.includes("bob@example.com") && l.includes("team:pay"))
      .at(-1);
    expect(JSON.parse(line!)).toMatchObject({ reason: "scope", action: "records" });
  });

  it("an unknown team → 404 from the engine (an admin may ask for any id)", async () => {
    const res = await call.records({ user: users().admin, query: { teamId: "nope", metric: "df", ...JAN } });
    expect(res.status).toBe(404);
    expect((await json(res)).code).toBe("NOT_FOUND");
  });

  it("without a session → 401", async () => {
    expect((await call.records({ query: { teamId: "pay", metric: "df", ...JAN } })).status).toBe(401);
  });

  const base = { teamId: "pay", metric: "lttc", ...JAN };
  it.each([
    ["no teamId", { metric: "lttc", ...JAN }, "teamId"],
    ["an empty teamId", { ...base, teamId: "" }, "teamId"],
    ["no metric", { teamId: "pay", ...JAN }, "metric"],
    ["an unknown metric", { ...base, metric: "velocity" }, "metric"],
    ["no start", { teamId: "pay", metric: "lttc", end: JAN.end }, "start"],
    ["a start that is no date", { ...base, start: "2026-02-30" }, "start"],
    ["an end before the start", { ...base, start: "2026-02-01", end: "2026-01-01" }, "end"],
    ["a range over 1,096 days", { ...base, start: "2020-01-01", end: "2026-01-01" }, "end"],
    ["an unknown time zone", { ...base, timezone: "Mars/Olympus" }, "timezone"],
    ["a limit of 0", { ...base, limit: "0" }, "limit"],
    ["a limit of 1001", { ...base, limit: "1001" }, "limit"],
    ["a limit that is no number", { ...base, limit: "ten" }, "limit"],
    ["a cursor with a space", { ...base, cursor: "a b" }, "cursor"],
    ["an unknown parameter", { ...base, sort: "desc" }, "sort"],
  ])("%s → 400 naming %s", async (_what, query, field) => {
    const res = await call.records({ user: users().alice, query: query as Record<string, string> });
    expect(res.status).toBe(400);
    const body = await json<{ code: string; details: { field: string }[] }>(res);
    expect(body.code).toBe("INVALID_ARGUMENT");
    expect(body.details.map((d) => d.field)).toContain(field);
  });

  it("a parameter given twice → 400 naming it", async () => {
    const req = await request(env().runtime, "GET", "/api/records", { user: users().alice, query: base });
    req.nextUrl.searchParams.append("metric", "df");
    const res = await recordsRoute(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(400);
    expect((await json<{ details: { field: string; message: string }[] }>(res)).details).toContainEqual({
      field: "metric",
      message: "must be given once",
    });
  });

  it("a cursor the engine did not make → 400", async () => {
    const res = await call.records({ user: users().alice, query: { ...base, cursor: "not-a-cursor" } });
    expect(res.status).toBe(400);
  });
});

describe("GET /api/coverage", () => {
  it("a team the user may see: how much of its data the figures see", async () => {
    const res = await call.coverage({ user: users().alice, query: { teamId: "pay", ...JAN } });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      pullRequests: { merged: 3, deployed: 2, withWorkItem: 0, withBuild: 0 },
      deployments: { production: 2, withChanges: 1, failed: 2 },
      incidents: { opened: 1, linked: 1, unresolved: 0 },
      workItems: { resolved: 0, withPullRequest: 0 },
    });
  });

  it.each([
    ["alice", "eng", 403],
    ["bob", "pay", 403],
    ["bob", "ops", 200],
  ] as const)("%s asks for team %s → %i", async (user, teamId, status) => {
    expect((await call.coverage({ user: users()[user], query: { teamId, ...JAN } })).status).toBe(status);
  });

  it.each([
    ["no teamId", JAN, "teamId"],
    ["a metric, which coverage has not", { teamId: "pay", metric: "lttc", ...JAN }, "metric"],
    ["a bad end", { teamId: "pay", start: JAN.start, end: "31/01/2026" }, "end"],
  ])("%s → 400 naming %s", async (_what, query, field) => {
    const res = await call.coverage({ user: users().alice, query: query as Record<string, string> });
    expect(res.status).toBe(400);
    expect((await json<{ details: { field: string }[] }>(res)).details.map((d) => d.field)).toContain(field);
  });
});
