// writeTransaction on a full disk: SQLite rolls the transaction back itself after SQLITE_FULL, and
// the error to see is the disk's, not that of the rollback that follows.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore, writeTransaction, type Store } from "./db";

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
