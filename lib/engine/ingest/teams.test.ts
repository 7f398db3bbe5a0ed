import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/store/db";
import { openTestStore } from "@/lib/store/testing/test-store";
import { findTeamByRefId, listTeams, loadDataset, orgTreeNames } from "../dataset";
import { deleteRecord, ingest, TeamInUseError } from "./service";

const A = { org: "acme", project: "web" };
const B = { org: "acme", project: "mobile" };
let db: Store;

beforeEach(async () => {
  db = await openTestStore();
});
afterEach(async () => {
  await db.destroy();
});

const team = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Team ${id}`,
  orgTree: "Eng",
  ...extra,
});
const sendTeams = (items: unknown[], scope = A) => ingest(db, scope, "teams", { items });
const problems = async (items: unknown[]) => {
  const result = await sendTeams(items);
  return result.ok ? [] : result.details.map((d) => [d.index, d.field]);
};

describe("ingest – teams", () => {
  it("accepts a parent sent later in the same batch", async () => {
    expect(await sendTeams([team("child", { parentId: "root" }), team("root")])).toMatchObject({
      ok: true,
      created: 2,
    });
  });

  it("refuses a parent in another org tree, in the store or in the batch", async () => {
    await sendTeams([team("ops", { orgTree: "Ops" })]);
    expect(
      await problems([team("a", { parentId: "ops" }), team("b", { orgTree: "Sales" }), team("c", { parentId: "b" })]),
    ).toEqual([
      [0, "parentId"],
      [2, "parentId"],
    ]);
  });

  it.each([
    ["itself", [team("a", { parentId: "a" })]],
    ["two teams", [team("a", { parentId: "b" }), team("b", { parentId: "a" })]],
  ])("refuses a cycle through %s", async (_, items) => {
    const found = await problems(items);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every(([, field]) => field === "parentId")).toBe(true);
  });

  it("refuses a cycle made by re-parenting a stored team", async () => {
    await sendTeams([team("root"), team("mid", { parentId: "root" }), team("leaf", { parentId: "mid" })]);
    expect(await problems([team("root", { parentId: "leaf" })])).toEqual([[0, "parentId"]]);
    expect((await listTeams(db, A)).find((t) => t.id === "root")?.parentId).toBeNull();
  });

  it("refuses moving a team to another org tree while stored children stay in the old one", async () => {
    await sendTeams([team("root"), team("kid", { parentId: "root" })]);
    expect(await problems([team("root", { orgTree: "Ops" })])).toEqual([[0, "orgTree"]]);
    expect(
      await sendTeams([team("root", { orgTree: "Ops" }), team("kid", { parentId: "root", orgTree: "Ops" })]),
    ).toMatchObject({ ok: true });
  });

  it("assigns the next free refId, keeps it on upsert, and refuses a taken one", async () => {
    await sendTeams([team("a", { refId: 10 }), team("b")]);
    const refs = async () => Object.fromEntries((await listTeams(db, A)).map((t) => [t.id, t.refId]));
    expect(await refs()).toEqual({ a: 10, b: 11 });
    await sendTeams([team("b", { name: "Renamed" }), team("c")]);
    expect(await refs()).toEqual({ a: 10, b: 11, c: 12 });
    expect(await problems([team("d", { refId: 10 })])).toEqual([[0, "refId"]]);
    expect(await problems([team("d", { refId: 50 }), team("e", { refId: 50 })])).toEqual([[1, "refId"]]);
    expect(await sendTeams([team("a", { refId: 10 })])).toMatchObject({ ok: true, updated: 1 });
  });

  it("finds teams by refId and lists org tree names", async () => {
    await sendTeams([team("a", { refId: 3 }), team("o", { orgTree: "Ops" })]);
    expect(await findTeamByRefId(db, A, 3)).toEqual({
      id: "a",
      name: "Team a",
      orgTree: "Eng",
      refId: 3,
      parentId: null,
    });
    expect(await findTeamByRefId(db, A, 99)).toBeNull();
    expect(await orgTreeNames(db, A)).toEqual(["Eng", "Ops"]);
  });
});

describe("project isolation", () => {
  it("keeps the same ids in two projects apart", async () => {
    await sendTeams([team("t", { refId: 1 })], A);
    await sendTeams([team("t", { refId: 1, name: "Mobile" })], B);
    expect((await listTeams(db, A))[0]?.name).toBe("Team t");
    expect((await listTeams(db, B))[0]?.name).toBe("Mobile");
    const incident = { id: "i", teamId: "t", openedAt: "2026-01-05T10:00:00Z" };
    expect(await ingest(db, A, "incidents", { items: [incident] })).toMatchObject({ created: 1 });
    expect(await ingest(db, B, "incidents", { items: [incident] })).toMatchObject({ created: 1 });
    expect(await deleteRecord(db, A, "incidents", "i")).toBe(true);
    expect((await loadDataset(db, B)).incidents).toHaveLength(1);
    expect(await ingest(db, { org: "other", project: "web" }, "incidents", { items: [incident] })).toMatchObject({
      ok: false,
    });
  });
});

describe("deleteRecord", () => {
  it("deletes a record and answers false when it is absent", async () => {
    await sendTeams([team("t")]);
    const item = { id: "w", teamId: "t", createdAt: "2026-01-05T10:00:00Z" };
    await ingest(db, A, "work-items", { items: [item] });
    expect(await deleteRecord(db, A, "work-items", "w")).toBe(true);
    expect(await deleteRecord(db, A, "work-items", "w")).toBe(false);
    expect((await loadDataset(db, A)).workItems).toEqual([]);
  });

  it("refuses to delete a team with children or records, then deletes it once they are gone", async () => {
    await sendTeams([team("root"), team("kid", { parentId: "root" })]);
    await expect(deleteRecord(db, A, "teams", "root")).rejects.toBeInstanceOf(TeamInUseError);
    await ingest(db, A, "incidents", { items: [{ id: "i", teamId: "kid", openedAt: "2026-01-05T10:00:00Z" }] });
    await expect(deleteRecord(db, A, "teams", "kid")).rejects.toMatchObject({
      kind: "conflict",
      usedBy: ["incidents"],
    });
    await deleteRecord(db, A, "incidents", "i");
    expect(await deleteRecord(db, A, "teams", "kid")).toBe(true);
    expect(await deleteRecord(db, A, "teams", "root")).toBe(true);
    expect(await deleteRecord(db, A, "teams", "root")).toBe(false);
  });
});
