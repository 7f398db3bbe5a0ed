// The store on PostgreSQL: migrations (under the advisory lock, to a schema equivalent to SQLite's),
// SQLite's schema unchanged, write transactions one at a time, rows read from a cursor.
import fs from "node:fs";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openStore, writeTransaction, type Store } from "./db";
import { migrateToLatest } from "./migrate";
import { migrations } from "./migrations";
import type { DB } from "./schema";
import { eachPostgresRow } from "./postgres";
import { freshDatabase } from "./testing/test-store";

const opened: { db: Store; drop?: () => Promise<void> }[] = [];

async function pgStore(opts: { migrate?: boolean } = {}): Promise<{ db: Store; url: string }> {
  const database = await freshDatabase();
  const db = await openStore(database.url, opts);
  opened.push({ db, drop: database.drop });
  return { db, url: database.url };
}

afterEach(async () => {
  for (const { db, drop } of opened.splice(0)) {
    await db.destroy().catch(() => undefined);
    await drop?.();
  }
});

/** Tables with their columns, and index names, as a dialect-neutral description of a schema. */
async function describeSchema(db: Kysely<DB>, postgres: boolean) {
  const tables = (await db.introspection.getTables()).filter((t) => !t.name.startsWith("kysely_"));
  const columns: Record<string, string[]> = {};
  for (const t of tables) {
    // A primary key column is never null; SQLite's table_info says so only when it was declared so.
    const keys = postgres
      ? []
      : (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${t.name}) WHERE pk > 0`.execute(db)).rows.map(
          (r) => r.name,
        );
    columns[t.name] = t.columns
      .map(
        (c) =>
          `${c.name}${c.isNullable && !keys.includes(c.name) ? "" : " not null"}${c.isAutoIncrementing ? " auto" : ""}`,
      )
      .sort();
  }
  const { rows } = postgres
    ? await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public'
        AND indexname NOT LIKE 'kysely_%' AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_pk'`.execute(db)
    : await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`.execute(db);
  return { columns, indexes: rows.map((r) => r.name).sort() };
}

describe("migrations on PostgreSQL", () => {
  it("make the schema SQLite's migrations make: the same tables, columns, nullability, numbered ids and indexes", async () => {
    const { db } = await pgStore();
    const sqlite = await openStore(":memory:");
    try {
      const [pg, lite] = [await describeSchema(db, true), await describeSchema(sqlite, false)];
      expect(pg.columns).toEqual(lite.columns);
      // SQLite names a UNIQUE constraint's index sqlite_autoindex_*; PostgreSQL by the constraint.
      expect(pg.indexes.filter((n) => !/_key$|_upstream$|_delivery$|_issuer_subject$/.test(n))).toEqual(lite.indexes);
      expect(pg.columns.users).toContain("id not null auto");
    } finally {
      await sqlite.destroy();
    }
  });

  it("two instances opening one database together migrate it once", async () => {
    const database = await freshDatabase();
    const a = await openStore(database.url, { migrate: false });
    const b = await openStore(database.url, { migrate: false });
    opened.push({ db: a }, { db: b, drop: database.drop });
    const [ranA, ranB] = await Promise.all([migrateToLatest(a), migrateToLatest(b)]);
    expect([...ranA, ...ranB].sort()).toEqual(Object.keys(migrations).sort());
    expect([ranA.length, ranB.length].sort()).toEqual([0, Object.keys(migrations).length]);
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM kysely_migration`.execute(a);
    expect(rows[0]!.n).toBe(Object.keys(migrations).length);
    expect(await migrateToLatest(a)).toEqual([]);
  });

  it("a second open of a migrated database applies nothing and keeps its rows", async () => {
    const { db, url } = await pgStore();
    await db
      .insertInto("users")
      .values({ email: "a@example.com", is_admin: 0, scopes: "[]", created_at: "2026-01-01" })
      .execute();
    const again = await openStore(url);
    opened.push({ db: again });
    expect(await again.selectFrom("users").select("email").execute()).toEqual([{ email: "a@example.com" }]);
  });

  it("source_events stays append-only", async () => {
    const { db } = await pgStore();
    await db
      .insertInto("source_events")
      .values({
        org_id: "o",
        project_id: "p",
        source: "github",
        delivery_id: "d1",
        event_type: "push",
        received_at: 1,
        body: "{}",
        signature: "s",
      })
      .execute();
    await expect(db.updateTable("source_events").set({ body: "{}x" }).execute()).rejects.toThrow(
      "source_events is append-only",
    );
    await expect(db.deleteFrom("source_events").execute()).rejects.toThrow("source_events is append-only");
    await db.updateTable("source_events").set({ status: "mapped" }).execute();
  });

  it("every change to a project's records moves its data version", async () => {
    const { db } = await pgStore();
    const version = async () =>
      (await db.selectFrom("data_versions").select("version").where("org_id", "=", "o").executeTakeFirst())?.version;
    const team = { org_id: "o", project_id: "p", name: "T", org_tree: "E", ref_id: 1, parent_id: null };
    await db
      .insertInto("teams")
      .values({ ...team, id: "t" })
      .execute();
    const row = {
      org_id: "o",
      project_id: "p",
      team_id: "t",
      created_at: 1,
      key: null,
      started_at: null,
      resolved_at: null,
    };
    await db
      .insertInto("work_items")
      .values([
        { ...row, id: "w1" },
        { ...row, id: "w2" },
      ])
      .execute();
    const v1 = await version();
    expect(v1).toBeGreaterThan(0);
    await db.updateTable("work_items").set({ resolved_at: 5 }).where("id", "=", "w1").execute();
    const v2 = await version();
    expect(v2).toBeGreaterThan(v1!);
    await db.deleteFrom("work_items").where("id", "=", "w2").execute();
    expect(await version()).toBeGreaterThan(v2!);
  });
});

describe("SQLite's schema", () => {
  it("is, byte for byte, what it was before PostgreSQL came (existing stores open unchanged)", async () => {
    const db = await openStore(":memory:");
    try {
      const { rows } = await sql<{
        type: string;
        name: string;
        sql: string | null;
      }>`SELECT type, name, sql FROM sqlite_master
        WHERE name NOT LIKE 'kysely_%' ORDER BY type, name`.execute(db);
      const dump = rows.map((r) => `-- ${r.type} ${r.name}\n${r.sql ?? "(automatic)"};\n`).join("");
      expect(dump).toBe(fs.readFileSync(path.join(__dirname, "testing", "sqlite-schema.sql"), "utf8"));
    } finally {
      await db.destroy();
    }
  });
});

describe("writeTransaction on PostgreSQL", () => {
  let db: Store;
  let url: string;
  beforeAll(async () => {
    const database = await freshDatabase();
    url = database.url;
    db = await openStore(url);
    afterAll(async () => {
      await db.destroy();
      await database.drop();
    });
  });

  const users = () => db.selectFrom("users").select("email").orderBy("email").execute();
  const addUser = (trx: Kysely<DB>, email: string) =>
    trx.insertInto("users").values({ email, is_admin: 0, scopes: "[]", created_at: "2026-01-01" }).execute();

  it("rolls back on the caller's error and rethrows it", async () => {
    const boom = new Error("boom");
    await expect(
      writeTransaction(db, async (trx) => {
        await addUser(trx, "rolled@example.com");
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await users()).not.toContainEqual({ email: "rolled@example.com" });
  });

  it("runs read-then-write transactions of two instances one after the other", async () => {
    const other = await openStore(url, { migrate: false });
    try {
      // Each reads how many counters exist and adds the next: interleaved, both would add the same.
      const next = (store: Store) =>
        writeTransaction(store, async (trx) => {
          const { n } = await trx
            .selectFrom("users")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("email", "like", "n%")
            .executeTakeFirstOrThrow();
          await new Promise((r) => setTimeout(r, 30));
          await addUser(trx, `n${n}@example.com`);
        });
      await Promise.all([next(db), next(other), next(db), next(other)]);
      expect((await users()).filter((u) => u.email.startsWith("n"))).toHaveLength(4);
    } finally {
      await other.destroy();
    }
  });
});

describe("rows read from a cursor", () => {
  it("come as arrays in the select list's order, with bigints as numbers, however many batches", async () => {
    const { db } = await pgStore();
    const seen: unknown[][] = [];
    const query = sql`SELECT g::bigint * 1000000000 AS big, 'r' || g AS name, g::integer AS small FROM generate_series(1, 12001) g ORDER BY g`;
    await eachPostgresRow(db, query.compile(db), (row) => seen.push(row));
    expect(seen).toHaveLength(12001);
    expect(seen[0]).toEqual([1_000_000_000, "r1", 1]);
    expect(seen[12000]).toEqual([12_001_000_000_000, "r12001", 12001]);
  });
});
