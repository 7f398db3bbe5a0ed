// Batches that wait together are written as a group (runGroup): one transaction, each batch in a
// savepoint of its own, so each is still all or nothing and gets its own outcome.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/store/db";
import { openTestStore } from "@/lib/store/testing/test-store";
import type { IngestKind } from "../ingest";
import { runGroup } from "./ops";
import type { WriterOp } from "./protocol";

const scope = { org: "o", project: "p" };
let db: Store;

beforeEach(async () => {
  db = await openTestStore();
});

afterEach(async () => {
  await db.destroy();
});

const batch = (kind: IngestKind, items: unknown[]): WriterOp => ({
  op: "ingest",
  scope,
  kind,
  body: new TextEncoder().encode(JSON.stringify({ items })),
});

const team = (id: string, parentId: string | null = null) => ({ id, name: id, orgTree: "Eng", parentId });

async function storedTeams(): Promise<string[]> {
  const rows = await db.selectFrom("teams").select("id").where("org_id", "=", "o").orderBy("id").execute();
  return rows.map((r) => r.id);
}

describe("a group of batches", () => {
  it("writes each batch, and a refused one among them changes nothing, of itself or of the others", async () => {
    const outcomes = await runGroup(db, [
      batch("teams", [team("a")]),
      batch("teams", [team("b", "a"), team("c", "nowhere")]),
      batch("teams", [team("d", "a")]),
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[0]).toEqual({ ok: true, value: { received: 1, created: 1, updated: 0 } });
    expect(outcomes[1]).toMatchObject({ ok: false, error: { kind: "invalid" } });
    expect(await storedTeams()).toEqual(["a", "d"]);
  });

  it("a later batch of the group sees the earlier ones: re-sending a record counts as an update", async () => {
    const outcomes = await runGroup(db, [batch("teams", [team("a")]), batch("teams", [team("a"), team("b")])]);
    expect(outcomes).toEqual([
      { ok: true, value: { received: 1, created: 1, updated: 0 } },
      { ok: true, value: { received: 2, created: 1, updated: 1 } },
    ]);
  });

  it("when one batch fails inside the store, the others are still written, each alone", async () => {
    // A kind the engine does not know fails in the ingestion code itself, not as a refusal.
    const broken = { ...batch("teams", [team("x")]), kind: "no-such-kind" } as unknown as WriterOp;
    const outcomes = await runGroup(db, [batch("teams", [team("a")]), broken, batch("teams", [team("b")])]);
    expect(outcomes.map((o) => (o.ok ? "ok" : o.error.kind))).toEqual(["ok", "internal", "ok"]);
    expect(await storedTeams()).toEqual(["a", "b"]);
  });
});
