// Two users, two scopes: Alice may see team `pay` (and its child `pay-api`), Bob the org tree `Ops`.
import { describe, expect, it } from "vitest";
import { harness } from "./harness-env";
import { exportBody, json } from "./helpers";

const { env, call, fake } = harness();
const users = () => env().users;

async function create(user: "alice" | "bob" | "admin", scope: Record<string, string>) {
  const res = await call.create({ user: users()[user], body: exportBody(scope) });
  return { status: res.status, body: await json<{ export?: { id: string }; code?: string }>(res) };
}

describe("access control on create, poll, download and list", () => {
  it.each([
    ["alice", { teamId: "pay" }, 202],
    ["alice", { teamId: "pay-api" }, 202],
    ["alice", { teamId: "eng" }, 403],
    ["alice", { teamId: "sre" }, 403],
    ["alice", { orgTreeName: "Eng" }, 403],
    ["bob", { orgTreeName: "Ops" }, 202],
    ["bob", { teamId: "sre" }, 202],
    ["bob", { teamId: "pay" }, 403],
    ["bob", { orgTreeName: "Eng" }, 403],
    ["admin", { teamId: "anything-typed" }, 202],
  ] as const)("%s creates %j → %i", async (user, scope, status) => {
    const out = await create(user, scope);
    expect(out.status).toBe(status);
    if (status === 403) {
      expect(out.body.code).toBe("PERMISSION_DENIED");
      expect(fake().count("create")).toBe(0);
    }
  });

  it("an export of a scope the user may not see is 404 on poll and download, whoever made it", async () => {
    const alices = (await create("alice", { teamId: "pay" })).body.export!.id;
    const admins = (await create("admin", { teamId: "pay-api" })).body.export!.id;
    const bobs = (await create("bob", { orgTreeName: "Ops" })).body.export!.id;
    const cases: [keyof ReturnType<typeof users>, string, number][] = [
      ["alice", alices, 200],
      ["alice", admins, 200],
      ["alice", bobs, 404],
      ["bob", alices, 404],
      ["bob", admins, 404],
      ["bob", bobs, 200],
      ["admin", bobs, 200],
    ];
    for (const [user, id, status] of cases) {
      const poll = await call.poll(id, { user: users()[user] });
      const download = await call.download(id, { user: users()[user] });
      expect({ user, id, poll: poll.status, download: download.status }).toEqual({
        user,
        id,
        poll: status,
        download: status,
      });
      if (status === 404) expect(await json(poll)).toEqual({ code: "NOT_FOUND", message: "No such export." });
    }
    const denied = env().logs.filter(
      (l) => l.includes('"proxy.denied"') && l.includes(bobs) && l.includes("alice@example.com"),
    );
    expect(denied.map((l) => JSON.parse(l).action).sort()).toEqual(["download", "poll"]);
  });

  it("lists show only what the user may see, newest first, paginated", async () => {
    const ids = { alice: new Set<string>(), bob: new Set<string>() };
    const listed = async (user: "alice" | "bob" | "admin", query: Record<string, string> = {}) =>
      json<{ items: { id: string; scope: Record<string, string> }[]; nextCursor: string | null }>(
        await call.list({ user: users()[user], query }),
      );
    const all = await listed("admin", { limit: "100" });
    for (const item of all.items) {
      if (item.scope.teamId === "pay" || item.scope.teamId === "pay-api") ids.alice.add(item.id);
      if (item.scope.orgTreeName === "Ops" || item.scope.teamId === "sre") ids.bob.add(item.id);
    }
    expect(ids.alice.size).toBeGreaterThan(0);
    expect(ids.bob.size).toBeGreaterThan(0);
    expect(new Set((await listed("alice", { limit: "100" })).items.map((i) => i.id))).toEqual(ids.alice);
    expect(new Set((await listed("bob", { limit: "100" })).items.map((i) => i.id))).toEqual(ids.bob);
    // Newest first, and pages of 2 that add up to the whole list.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listed("admin", { limit: "2", ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.id));
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it("GET /api/scopes – the teams and trees each user may pick, plus typed ids exported before", async () => {
    const scopes = async (user: "alice" | "bob" | "admin") =>
      json<{
        connection: { mode: string; host: string };
        teams: { id: string; parentId: string | null }[];
        orgTrees: string[];
      }>(await call.scopes({ user: users()[user] }));
    const alice = await scopes("alice");
    expect(alice.connection).toEqual({
      mode: "harness",
      host: `127.0.0.1:${fake().port}`,
      features: { newerMetrics: false, records: false, coverage: false },
    });
    expect(alice.teams.map((t) => t.id)).toEqual(["pay", "pay-api"]);
    expect(alice.orgTrees).toEqual([]);
    const bob = await scopes("bob");
    expect(bob.teams.map((t) => t.id)).toEqual(["ops", "sre"]);
    expect(bob.orgTrees).toEqual(["Ops"]);
    const admin = await scopes("admin");
    expect(admin.teams.map((t) => t.id)).toContain("anything-typed");
    expect(admin.teams.find((t) => t.id === "pay-api")?.parentId).toBe("pay");
  });

  it("POST /api/reports – only for a team the user may see (by refId)", async () => {
    const report = (user: "alice" | "bob", teamRefId: number) =>
      call.report({ user: users()[user], body: { dateStart: "2026-01-01", dateEnd: "2026-01-31", teamRefId } });
    expect((await report("alice", 2)).status).toBe(200);
    expect((await report("alice", 1)).status).toBe(403);
    expect((await report("bob", 6)).status).toBe(200);
    expect((await report("bob", 999)).status).toBe(403);
    expect(fake().count("report")).toBe(2);
  });
});
