// What SEI answers a create with is not trusted: its export id must be one the routes accept, and
// an id already registered for another scope is never handed to the asker.
import { describe, expect, it } from "vitest";
import { findExport } from "@/lib/dashboard/exports";
import { getSeiClient } from "@/lib/sei";
import { createdId, harness } from "./harness-env";
import { exportBody, json } from "./helpers";

const { env, call, fake } = harness();
const users = () => env().users;
const createdAt = "2026-03-01T00:00:00Z";
const registered = (id: string) => findExport(env().runtime.db, getSeiClient(env().runtime).connection, id);
const newLines = (from: number) =>
  env()
    .logs.slice(from)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

async function listedIds(user: "alice" | "bob" | "admin"): Promise<string[]> {
  const page = await json<{ items: { id: string }[] }>(
    await call.list({ user: users()[user], query: { limit: "100" } }),
  );
  return page.items.map((i) => i.id);
}

describe("an export id from SEI must pass the routes' own pattern", () => {
  it.each([
    ["a path and an injected header", "../../x\r\nX-Injected: 1"],
    ["100 KB", "e".repeat(100 * 1024)],
    ["65 characters", "e".repeat(65)],
    ["a slash", "exp/0000000001"],
  ])(
    "POST /api/exports – SEI answers with an id of %s → 502 UPSTREAM_FAILED, nothing registered or listed",
    async (_name, exportId) => {
      const before = await listedIds("admin");
      const seen = env().logs.length;
      fake().queue("create", { status: 202, body: { exportId, status: "QUEUED", createdAt } });
      const res = await call.create({ user: users().alice, body: exportBody({ teamId: "pay" }) });
      expect(res.status).toBe(502);
      const text = await res.text();
      expect(JSON.parse(text).code).toBe("UPSTREAM_FAILED");
      expect(text).not.toContain("X-Injected");
      expect(await registered(exportId)).toBeNull();
      expect(await listedIds("admin")).toEqual(before);
      expect(await listedIds("alice")).not.toContain(exportId);
      const line = newLines(seen).find((l) => l.event === "proxy.export_created");
      expect(line).toMatchObject({ user: "alice@example.com", scope: "team:pay", outcome: "bad_upstream_id" });
      expect(JSON.stringify(line)).not.toContain("X-Injected");
    },
  );
});

describe("an export id SEI already gave for another scope", () => {
  it("POST /api/exports – SEI answers Alice with the id of an admin's export of a team she may not see → 502, nothing of it shown, logged", async () => {
    const admins = await createdId(call, env, { teamId: "eng" });
    const seen = env().logs.length;
    fake().queue("create", { status: 200, body: { exportId: admins, status: "COMPLETED", createdAt } });
    const res = await call.create({ user: users().alice, body: exportBody({ teamId: "pay" }) });
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(JSON.parse(text).code).toBe("UPSTREAM_FAILED");
    for (const secret of [admins, "eng", "admin@example.com"]) expect(text).not.toContain(secret);
    expect(await registered(admins)).toMatchObject({
      scope: { kind: "team", teamId: "eng" },
      createdBy: "admin@example.com",
    });
    expect(await listedIds("alice")).not.toContain(admins);
    expect((await call.poll(admins, { user: users().alice })).status).toBe(404);
    expect(newLines(seen).find((l) => l.event === "proxy.export_created")).toMatchObject({
      user: "alice@example.com",
      exportId: admins,
      scope: "team:pay",
      registeredScope: "team:eng",
      outcome: "scope_conflict",
    });
  });

  it("POST /api/exports – the same for an admin, who may see both: the other scope's row is not handed over", async () => {
    const bobs = await createdId(call, env, { orgTreeName: "Ops" });
    fake().queue("create", { status: 200, body: { exportId: bobs, status: "COMPLETED", createdAt } });
    const res = await call.create({ user: users().admin, body: exportBody({ teamId: "pay" }) });
    expect(res.status).toBe(502);
    expect((await registered(bobs))?.scope).toEqual({ kind: "orgTree", orgTreeName: "Ops" });
  });

  it("POST /api/exports – an id already registered for the same scope is a reused export: 200 with its first row", async () => {
    const first = await createdId(call, env, { teamId: "pay" });
    fake().queue("create", { status: 200, body: { exportId: first, status: "QUEUED", createdAt } });
    const res = await call.create({ user: users().alice, body: exportBody({ teamId: "pay" }) });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      reused: true,
      export: { id: first, scope: { kind: "team", teamId: "pay" }, createdBy: "admin@example.com" },
    });
  });
});
