// POST /v2/ingest/{kind} and DELETE /v2/ingest/{kind}/{id} (spec §2, §3).
import { describe, expect, it } from "vitest";
import { api, ingestOk, json, setupEngine, type ErrorBody } from "./helpers";

const runtime = setupEngine({ jobs: false });

async function ids(table: "teams" | "deployments" | "incidents"): Promise<string[]> {
  const { db } = await runtime();
  return (await db.selectFrom(table).select("id").orderBy("id").execute()).map((r) => r.id);
}

const team = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Team ${id}`,
  orgTree: "Eng",
  ...extra,
});
const deployment = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  teamId: "t1",
  environment: "production",
  status: "success",
  finishedAt: "2026-01-05T10:00:00Z",
  ...extra,
});

describe("POST /v2/ingest/{kind}", () => {
  it("a new batch → 200 received/created/updated; re-sending upserts", async () => {
    const first = await api.ingest("teams", { items: [team("t1"), team("t2", { parentId: "t1" })] });
    expect(first.status).toBe(200);
    expect(await json(first)).toEqual({ received: 2, created: 2, updated: 0 });
    const second = await api.ingest("teams", { items: [team("t2", { name: "Renamed", parentId: "t1" }), team("t3")] });
    expect(await json(second)).toEqual({ received: 2, created: 1, updated: 1 });
    expect(await ids("teams")).toEqual(["t1", "t2", "t3"]);
    const { db } = await runtime();
    expect((await db.selectFrom("teams").select("name").where("id", "=", "t2").executeTakeFirstOrThrow()).name).toBe(
      "Renamed",
    );
  });

  it("a batch with bad items → 400 naming each item's index and field; nothing of it is written", async () => {
    const res = await api.ingest("deployments", {
      items: [
        deployment("ok-1"),
        deployment("bad-time", { finishedAt: "2026-01-05 10:00" }),
        deployment("ok-2"),
        deployment("bad-team", { teamId: "nobody" }),
        { ...deployment("bad-extra"), colour: "blue" },
        { id: "bad-missing", teamId: "t1", environment: "production", status: "success" },
        deployment("bad-status", { status: "ok" }),
      ],
    });
    expect(res.status).toBe(400);
    const err = await json<ErrorBody>(res);
    expect(err.code).toBe("INVALID_ARGUMENT");
    expect(err.details?.map((d) => [d.index, d.field])).toEqual([
      [1, "finishedAt"],
      [3, "teamId"],
      [4, "colour"],
      [5, "finishedAt"],
      [6, "status"],
    ]);
    expect(err.details?.every((d) => typeof d.message === "string" && d.message.length > 0)).toBe(true);
    expect(await ids("deployments")).toEqual([]);
  });

  it.each([
    ["a parent in another org tree", team("x", { orgTree: "Other", parentId: "t1" }), "parentId"],
    ["a cycle", team("t1", { parentId: "t2" }), "parentId"],
    ["a non-integer refId", team("x", { refId: 1.5 }), "refId"],
    ["a missing name", { id: "x", orgTree: "Eng" }, "name"],
  ])("teams: %s → 400 on that field", async (_case, item, field) => {
    const res = await api.ingest("teams", { items: [team("fine"), item] });
    expect(res.status).toBe(400);
    expect((await json<ErrorBody>(res)).details).toContainEqual(expect.objectContaining({ index: 1, field }));
    expect(await ids("teams")).toEqual(["t1", "t2", "t3"]);
  });

  it.each([
    ["no items field", {}],
    ["an empty list", { items: [] }],
    ["items not a list", { items: "x" }],
    ["5,001 items", { items: Array.from({ length: 5001 }, (_, i) => team(`many-${i}`)) }],
    ["a body that is not JSON", "items: []"],
  ])("%s → 400", async (_case, body) => {
    const res = await api.ingest("teams", body);
    expect(res.status).toBe(400);
    expect(await json<ErrorBody>(res)).toMatchObject({ code: "INVALID_ARGUMENT" });
  });

  it("5,000 items are accepted", async () => {
    const items = Array.from({ length: 5000 }, (_, i) => deployment(`bulk-${i}`));
    expect(await json(await api.ingest("deployments", { items }))).toEqual({
      received: 5000,
      created: 5000,
      updated: 0,
    });
  });

  it("an unknown kind → 404 NOT_FOUND", async () => {
    const res = await api.ingest("commits", { items: [{ id: "c1" }] });
    expect(res.status).toBe(404);
    expect(await json<ErrorBody>(res)).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("DELETE /v2/ingest/{kind}/{id}", () => {
  it("removes the record: 200, then 404", async () => {
    await ingestOk("incidents", [{ id: "inc-del", teamId: "t1", openedAt: "2026-01-05T11:00:00Z" }]);
    const res = await api.remove("incidents", "inc-del");
    expect(res.status).toBe(200);
    expect(await ids("incidents")).toEqual([]);
    const again = await api.remove("incidents", "inc-del");
    expect(again.status).toBe(404);
    expect(await json<ErrorBody>(again)).toMatchObject({ code: "NOT_FOUND" });
  });

  it("an unknown kind → 404", async () => {
    expect((await api.remove("commits", "t1")).status).toBe(404);
  });

  it("a team that still has records is not removed (409 CONFLICT)", async () => {
    const res = await api.remove("teams", "t1");
    expect(res.status).toBe(409);
    expect(await json<ErrorBody>(res)).toMatchObject({ code: "CONFLICT" });
    expect(await ids("teams")).toContain("t1");
  });

  it("a team without records or children is removed", async () => {
    expect((await api.remove("teams", "t3")).status).toBe(200);
    expect(await ids("teams")).toEqual(["t1", "t2"]);
  });
});
