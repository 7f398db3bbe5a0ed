// writeTransaction on a full disk: SQLite rolls the transaction back itself after SQLITE_FULL, and
// the error to see is the disk's, not that of the rollback that follows.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openStore, STATEMENT_CACHE_SIZE, withStatementCache, writeTransaction, type Store } from "./db";

let dir: string;
let db: Store;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-db-"));
  db = await openStore(path.join(dir, "fourfold.db"));
});

afterEach(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Caps the store at its current size, as a full disk would (this connection only). */
async function fillDisk() {
  const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(db);
  await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(db);
}

const bigWrite = (trx: Store) =>
  trx
    .insertInto("teams")
    .values({
      org_id: "o",
      project_id: "p",
      id: "t",
      name: "x".repeat(200_000),
      org_tree: "E",
      ref_id: 1,
      parent_id: null,
    })
    .execute();

describe("writeTransaction", () => {
  it("a write refused for a full disk throws SQLITE_FULL, not 'cannot rollback'", async () => {
    await fillDisk();
    await expect(writeTransaction(db, bigWrite)).rejects.toMatchObject({
      code: "SQLITE_FULL",
      message: "database or disk is full",
    });
  });

  it("the connection is usable once space is back", async () => {
    await fillDisk();
    await expect(writeTransaction(db, bigWrite)).rejects.toThrow();
    await sql`pragma max_page_count = 1073741823`.execute(db);
    await writeTransaction(db, bigWrite);
    expect(await db.selectFrom("teams").select("id").execute()).toEqual([{ id: "t" }]);
  });

  it("an error of the caller's is rethrown after the rollback, and nothing is written", async () => {
    const boom = new Error("boom");
    await expect(
      writeTransaction(db, async (trx) => {
        await bigWrite(trx);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await db.selectFrom("teams").select("id").execute()).toEqual([]);
  });
});

describe("withStatementCache", () => {
  const open = () => {
    const sqlite = new Database(":memory:");
    return { sqlite, prepare: vi.spyOn(sqlite, "prepare"), cached: withStatementCache(sqlite) };
  };

  it("prepares a query once, however often it runs", () => {
    const { prepare, cached } = open();
    for (let i = 0; i < 5; i++) expect(cached.prepare("select ? as x").get(i)).toEqual({ x: i });
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  it("never hands out a statement that is still being iterated", () => {
    const { cached } = open();
    const source = "select value from json_each('[1,2,3]')";
    const first = cached.prepare(source);
    const rows = first.iterate();
    rows.next();
    const second = cached.prepare(source);
    expect(second).not.toBe(first);
    expect(second.all()).toHaveLength(3);
    rows.return?.();
  });

  it(`keeps the ${STATEMENT_CACHE_SIZE} most recently used`, () => {
    const { prepare, cached } = open();
    for (let i = 0; i <= STATEMENT_CACHE_SIZE; i++) cached.prepare(`select ${i}`);
    cached.prepare(`select ${STATEMENT_CACHE_SIZE}`);
    expect(prepare).toHaveBeenCalledTimes(STATEMENT_CACHE_SIZE + 1);
    cached.prepare("select 0");
    expect(prepare).toHaveBeenCalledTimes(STATEMENT_CACHE_SIZE + 2);
  });
});
