import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/store/db";
import { openTestStore } from "@/lib/store/testing/test-store";
import { loadDataset } from "../dataset";
import { sql } from "kysely";
import { isPostgres } from "@/lib/store/dialect";
import type { IngestKind } from "./kinds";
import { parseBody } from "./parse";
import { prepareBatch } from "./prepare";
import { ingest, ingestBatches, type ScopedBatch } from "./service";

const A = { org: "acme", project: "web" };
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
const pr = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  teamId: "t1",
  repository: "web",
  firstCommitAt: "2026-01-05T10:00:00Z",
  openedAt: "2026-01-05T11:00:00Z",
  ...extra,
});

async function seedTeams(scope = A) {
  const result = await ingest(db, scope, "teams", { items: [team("root"), team("t1", { parentId: "root" })] });
  expect(result.ok).toBe(true);
}

describe("ingest – batches", () => {
  it("writes nothing when one item is bad and names every bad item by index and field", async () => {
    await seedTeams();
    const items = [
      pr("p0"),
      pr("p1", { openedAt: "2026-01-05T11:00:00" }),
      pr("p2"),
      pr("p3", { teamId: "nope", extra: 1 }),
    ];
    const result = await ingest(db, A, "pull-requests", { items });
    expect(result).toEqual({
      ok: false,
      details: [
        { index: 1, field: "openedAt", message: expect.stringContaining("offset") },
        { index: 3, field: "extra", message: "unknown field" },
      ],
    });
    expect((await loadDataset(db, A)).pullRequests).toEqual([]);
  });

  it("reports relation problems of valid items alongside shape problems", async () => {
    await seedTeams();
    const result = await ingest(db, A, "pull-requests", {
      items: [pr("p0", { teamId: "ghost" }), pr("p1", { repository: "" })],
    });
    expect(result.ok || result.details.map((d) => [d.index, d.field])).toEqual([
      [0, "teamId"],
      [1, "repository"],
    ]);
  });

  it("counts created and updated on upsert and replaces the record", async () => {
    await seedTeams();
    expect(await ingest(db, A, "pull-requests", { items: [pr("p0"), pr("p1")] })).toEqual({
      ok: true,
      received: 2,
      created: 2,
      updated: 0,
    });
    const again = await ingest(db, A, "pull-requests", { items: [pr("p1", { repository: "api" }), pr("p2")] });
    expect(again).toEqual({ ok: true, received: 2, created: 1, updated: 1 });
    const prs = (await loadDataset(db, A)).pullRequests;
    expect(prs.find((p) => p.id === "p1")?.repository).toBe("api");
    expect(prs).toHaveLength(3);
  });

  it.each([
    ["missing body", null, "body"],
    ["items not an array", { items: {} }, "items"],
    ["no items", { items: [] }, "items"],
    ["unknown top-level field", { items: [pr("p0")], dryRun: true }, "dryRun"],
    ["5,001 items", { items: Array.from({ length: 5001 }, (_, i) => pr(`p${i}`)) }, "items"],
  ])("refuses a body with %s", async (_, body, field) => {
    await seedTeams();
    const result = await ingest(db, A, "pull-requests", body);
    expect(result).toEqual({ ok: false, details: [{ field, message: expect.any(String) }] });
  });

  it("accepts exactly 5,000 items", async () => {
    await seedTeams();
    const items = Array.from({ length: 5000 }, (_, i) => pr(`p${i}`));
    expect(await ingest(db, A, "pull-requests", { items })).toMatchObject({ ok: true, created: 5000 });
  });

  it("refuses duplicate ids in a batch and names both items", async () => {
    await seedTeams();
    const result = await ingest(db, A, "pull-requests", { items: [pr("p0"), pr("p1"), pr("p0")] });
    expect(result.ok || result.details.map((d) => [d.index, d.field])).toEqual([
      [0, "id"],
      [2, "id"],
    ]);
  });
});

describe("ingestBatches – several batches in one transaction", () => {
  const batch = (kind: IngestKind, items: unknown[], scope = A): ScopedBatch => ({
    scope,
    batch: prepareBatch(kind, parseBody(kind, { items })),
  });
  /** The batches in one transaction: the first, then the others as `next` gives them. */
  const ingestAll = ([first, ...rest]: ScopedBatch[]) => ingestBatches(db, first!, async () => rest.shift());
  const workItem = (id: string) => ({ id, teamId: "t1", createdAt: "2026-01-02T09:00:00Z" });

  /** Makes the store fail any change to work item `id` (after the statements before it succeeded). */
  async function failOnWorkItem(id: string) {
    if (isPostgres(db)) {
      await sql
        .raw(
          `CREATE FUNCTION fail_on() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.id = '${id}' THEN RAISE EXCEPTION 'no change to ${id}'; END IF; RETURN NEW; END $$`,
        )
        .execute(db);
      await sql
        .raw(`CREATE TRIGGER fail_on BEFORE UPDATE ON work_items FOR EACH ROW EXECUTE FUNCTION fail_on()`)
        .execute(db);
    } else {
      await sql
        .raw(
          `CREATE TRIGGER fail_on BEFORE UPDATE ON work_items WHEN NEW.id = '${id}'
        BEGIN SELECT RAISE(ABORT, 'no change to ${id}'); END`,
        )
        .execute(db);
    }
  }

  it("gives each batch its own result, in order, each seeing the ones before; a refused one writes nothing", async () => {
    await seedTeams();
    const parts = await ingestAll([
      batch("teams", [team("t2", { parentId: "root" })]),
      batch("pull-requests", [pr("p0", { teamId: "t2" })]),
      batch("pull-requests", [pr("p1"), pr("p2", { teamId: "ghost" })]),
      batch("pull-requests", [pr("p0", { repository: "api", teamId: "t2" }), pr("p3")]),
    ]);
    expect(parts.map((p) => p.ok && p.value)).toEqual([
      { ok: true, received: 1, created: 1, updated: 0 },
      { ok: true, received: 1, created: 1, updated: 0 },
      { ok: false, details: [{ index: 1, field: "teamId", message: expect.any(String) }] },
      { ok: true, received: 2, created: 1, updated: 1 },
    ]);
    const prs = (await loadDataset(db, A)).pullRequests;
    expect(prs.map((p) => [p.id, p.repository]).sort()).toEqual([
      ["p0", "api"],
      ["p3", "web"],
    ]);
  });

  it("undoes every write of a batch that fails part-way, and keeps the batches around it", async () => {
    await seedTeams();
    expect(await ingest(db, A, "work-items", { items: [workItem("w1"), workItem("w2")] })).toMatchObject({ ok: true });
    await failOnWorkItem("w2");
    const parts = await ingestAll([
      batch("pull-requests", [pr("p1", { workItemId: "w1" })]),
      // The PR is inserted, then marking its work item fails: the PR must go too.
      batch("pull-requests", [pr("p2", { workItemId: "w2" })]),
      batch("pull-requests", [pr("p3")]),
    ]);
    expect(parts.map((p) => p.ok)).toEqual([true, false, true]);
    expect(String((parts[1] as { error: Error }).error.message)).toContain("no change to w2");
    const data = await loadDataset(db, A);
    expect(data.pullRequests.map((p) => p.id).sort()).toEqual(["p1", "p3"]);
    const marked = await db.selectFrom("work_items").select(["id", "has_pr"]).orderBy("id").execute();
    expect(marked.map((w) => [w.id, Number(w.has_pr)])).toEqual([
      ["w1", 1],
      ["w2", 0],
    ]);
  });

  it("takes the batches `next` gives until it gives none, all in the one transaction", async () => {
    await seedTeams();
    const more = [batch("pull-requests", [pr("p1")]), batch("pull-requests", [pr("p2")])];
    const parts = await ingestBatches(db, batch("pull-requests", [pr("p0")]), async () => more.shift());
    expect(parts.map((p) => p.ok && p.value.ok)).toEqual([true, true, true]);
    expect((await loadDataset(db, A)).pullRequests).toHaveLength(3);
  });
});

describe("ingest – item fields", () => {
  it.each([
    ["a missing required field", { firstCommitAt: undefined }, "firstCommitAt", "is required"],
    [
      "an instant without offset",
      { firstCommitAt: "2026-01-05T14:03:00" },
      "firstCommitAt",
      expect.stringContaining("offset"),
    ],
    ["a garbage instant", { mergedAt: "yesterday" }, "mergedAt", expect.stringContaining("ISO-8601")],
    ["an empty id", { id: "" }, "id", "must not be empty"],
    ["an id of 201 characters", { id: "x".repeat(201) }, "id", expect.stringContaining("200")],
    ["a number for a string", { repository: 7 }, "repository", "must be a string"],
    ["an unknown field", { author: "ann" }, "author", "unknown field"],
  ])("rejects %s", async (_, patch, field, message) => {
    await seedTeams();
    const result = await ingest(db, A, "pull-requests", { items: [pr("p0", patch)] });
    expect(result).toEqual({ ok: false, details: [{ index: 0, field, message }] });
  });

  it("accepts an id of exactly 200 characters", async () => {
    await seedTeams();
    expect(await ingest(db, A, "pull-requests", { items: [pr("x".repeat(200))] })).toMatchObject({ ok: true });
  });

  it.each([
    ["SUCCESS", "success"],
    ["Failure", "failure"],
  ])("stores status %s as %s", async (sent, stored) => {
    const build = { id: "b1", repository: "web", commitSha: "abc", finishedAt: "2026-01-05T10:00:00Z", status: sent };
    expect(await ingest(db, A, "builds", { items: [build] })).toMatchObject({ ok: true });
    expect((await loadDataset(db, A)).builds[0]?.status).toBe(stored);
  });

  it("rejects an unknown status", async () => {
    const build = { id: "b1", repository: "web", commitSha: "abc", finishedAt: "2026-01-05T10:00:00Z", status: "ok" };
    expect(await ingest(db, A, "builds", { items: [build] })).toEqual({
      ok: false,
      details: [{ index: 0, field: "status", message: "must be success or failure" }],
    });
  });

  it.each([0, -1, 1.5, "7"])("rejects refId %j", async (refId) => {
    const result = await ingest(db, A, "teams", { items: [team("t", { refId })] });
    expect(result.ok || result.details.map((d) => d.field)).toEqual(["refId"]);
  });

  it.each(["work-items", "pull-requests", "deployments", "incidents"] as const)(
    "%s: refuses a teamId naming no team",
    async (kind) => {
      await seedTeams();
      const item = {
        "work-items": { id: "w", teamId: "ghost", createdAt: "2026-01-05T10:00:00Z" },
        "pull-requests": pr("p", { teamId: "ghost" }),
        deployments: {
          id: "d",
          teamId: "ghost",
          environment: "prod",
          status: "success",
          finishedAt: "2026-01-05T10:00:00Z",
        },
        incidents: { id: "i", teamId: "ghost", openedAt: "2026-01-05T10:00:00Z" },
      }[kind];
      expect(await ingest(db, A, kind, { items: [item] })).toEqual({
        ok: false,
        details: [{ index: 0, field: "teamId", message: expect.stringContaining("ghost") }],
      });
    },
  );

  it("accepts a deploymentId and workItemId that name nothing yet", async () => {
    await seedTeams();
    expect(await ingest(db, A, "pull-requests", { items: [pr("p0", { workItemId: "later" })] })).toMatchObject({
      ok: true,
    });
    const incident = { id: "i", teamId: "t1", openedAt: "2026-01-05T10:00:00Z", deploymentId: "later" };
    expect(await ingest(db, A, "incidents", { items: [incident] })).toMatchObject({ ok: true });
  });
});
