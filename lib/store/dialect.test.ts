// Each function of the dialect seam, run on both sides: the same statement gives the same answer
// on SQLite and on PostgreSQL.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "./db";
import {
  asInteger,
  dialectOf,
  indexedBy,
  inJsonTexts,
  insertIgnoring,
  isDistinct,
  isRow,
  joinInOrder,
  jsonColumnTexts,
  jsonRows,
  jsonTexts,
  leastOf,
  rowKey,
  unindexed,
} from "./dialect";
import { freshDatabase } from "./testing/test-store";

const stores: Record<"sqlite" | "postgres", Store> = {} as never;
let drop: () => Promise<void>;

beforeAll(async () => {
  stores.sqlite = await openStore(":memory:");
  const database = await freshDatabase();
  drop = database.drop;
  stores.postgres = await openStore(database.url);
  for (const db of Object.values(stores)) {
    await db
      .insertInto("deployments")
      .values(
        ["d1", "d2", "d3"].map((id, i) => ({
          org_id: "o",
          project_id: "p",
          id,
          team_id: "t",
          environment: "prod",
          is_production: 1,
          status: "success",
          finished_at: 1_700_000_000_000 + i,
          service: null,
          repository: "r",
          started_at: null,
          pull_request_ids: i === 2 ? null : JSON.stringify([`pr${i}`, `pr${i + 1}`]),
          commit_shas: null,
        })),
      )
      .execute();
  }
});

afterAll(async () => {
  await stores.sqlite.destroy();
  await stores.postgres.destroy();
  await drop();
});

const both = it.each(["sqlite", "postgres"] as const);

both("%s: dialectOf tells the dialect, of a transaction too", async (name) => {
  expect(dialectOf(stores[name])).toBe(name);
  await stores[name].transaction().execute(async (trx) => expect(dialectOf(trx)).toBe(name));
});

describe("JSON bound as one value", () => {
  both("%s: jsonTexts and inJsonTexts give each string, in order", async (name) => {
    const db = stores[name];
    const { rows } = await sql<{ value: string }>`SELECT v.value FROM ${jsonTexts(db, ["b", "a", "c"], "v")}`.execute(
      db,
    );
    expect(rows.map((r) => r.value)).toEqual(["b", "a", "c"]);
    const picked = await sql<{
      id: string;
    }>`SELECT id FROM deployments WHERE id IN ${inJsonTexts(db, ["d3", "d1", "nope"])} ORDER BY id`.execute(db);
    expect(picked.rows.map((r) => r.id)).toEqual(["d1", "d3"]);
  });

  both("%s: jsonColumnTexts reads a column's JSON list, none for null", async (name) => {
    const db = stores[name];
    const { rows } = await sql<{ id: string; value: string }>`SELECT d.id, je.value FROM deployments d
      CROSS JOIN ${jsonColumnTexts(db, "d.pull_request_ids", "je")} ORDER BY d.id, je.value`.execute(db);
    expect(rows).toEqual([
      { id: "d1", value: "pr0" },
      { id: "d1", value: "pr1" },
      { id: "d2", value: "pr1" },
      { id: "d2", value: "pr2" },
    ]);
  });

  both("%s: jsonRows types its columns, from the rows or from their JSON text", async (name) => {
    const db = stores[name];
    const rows = jsonRows(
      db,
      [
        ["id", "text"],
        ["at", "bigint"],
      ],
      [
        ["x", 1_700_000_000_001],
        ["y", null],
      ],
    );
    const found = await sql<{ id: string; at: number | null }>`SELECT r.id, r.at FROM ${rows} r ORDER BY r.id`.execute(
      db,
    );
    expect(found.rows).toEqual([
      { id: "x", at: 1_700_000_000_001 },
      { id: "y", at: null },
    ]);
    const cols = [
      ["id", "text"],
      ["finished_at", "bigint"],
      ["is_production", "integer"],
    ] as const;
    const typed = await sql<Record<string, unknown>>`SELECT d.id, d.finished_at + 1 AS next, d.is_production
      FROM ${jsonRows(db, cols, JSON.stringify([["z", 5, 1]]))} d`.execute(db);
    expect(typed.rows).toEqual([{ id: "z", next: 6, is_production: 1 }]);
  });
});

describe("the rest of the seam", () => {
  both("%s: indexedBy, unindexed and joinInOrder read the same rows", async (name) => {
    const db = stores[name];
    const { rows } = await sql<{ id: string }>`SELECT d.id FROM ${jsonTexts(db, ["d2"], "i")}
      ${joinInOrder(db)} ${indexedBy(db, "deployments", "deployments_team", "d")}
      ON d.org_id = 'o' AND ${unindexed(db, "d.repository")} = 'r' AND d.id = i.value`.execute(db);
    expect(rows).toEqual([{ id: "d2" }]);
  });

  both("%s: leastOf, asInteger and isDistinct", async (name) => {
    const db = stores[name];
    const { rows } = await sql<Record<string, number>>`SELECT ${leastOf(db, [sql`3`, sql`1`, sql`2`])} AS least,
      ${asInteger(db, sql`1 < 2`)} AS yes, ${asInteger(db, sql`EXISTS (SELECT 1 FROM deployments WHERE id = 'none')`)} AS no,
      ${asInteger(db, isDistinct(db, sql`NULL`, sql`1`))} AS distinct_null,
      ${asInteger(db, isDistinct(db, sql`NULL`, sql`NULL`))} AS same_null`.execute(db);
    expect(rows[0]).toEqual({ least: 1, yes: 1, no: 0, distinct_null: 1, same_null: 0 });
  });

  both("%s: insertIgnoring skips a stored key", async (name) => {
    const db = stores[name];
    const [insert, ignoring] = insertIgnoring(db);
    const row = sql`SELECT 'o', 'p', 'k', 'v', 1, 'd1'`;
    for (let i = 0; i < 2; i++)
      await sql`${insert} deployment_links (org_id, project_id, kind, value, finished_at, deployment_id) ${row} ${ignoring}`.execute(
        db,
      );
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM deployment_links`.execute(db);
    expect(Number(rows[0]!.n)).toBe(1);
  });

  both("%s: rowKey finds a row again, isRow updates it", async (name) => {
    const db = stores[name];
    const { rows } = await sql<{
      r: unknown;
    }>`SELECT ${rowKey(db, "d")} AS r FROM deployments d WHERE d.id = 'd3'`.execute(db);
    await sql`UPDATE deployments SET service = 'found' WHERE ${isRow(db, "deployments", sql`${rows[0]!.r}`, "o", "p")}`.execute(
      db,
    );
    const found = await db.selectFrom("deployments").select("id").where("service", "=", "found").execute();
    expect(found).toEqual([{ id: "d3" }]);
  });
});
