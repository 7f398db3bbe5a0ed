import "server-only";
import { Kysely, PostgresDialect, type CompiledQuery } from "kysely";
import pg from "pg";
import Cursor from "pg-cursor";
import type { DB } from "./schema";

// The PostgreSQL side of the store: a pool per process (per thread: the store writer and the export
// worker open their own), the types as the SQLite store gives them, and rows read as arrays in
// batches from a cursor (raw-rows.ts).

export const isPostgresUrl = (target: string): boolean => /^postgres(ql)?:\/\//.test(target);

// Epoch milliseconds are bigint columns and counts are bigints: pg gives both as strings unless
// told; the SQLite store gives numbers (every value the store keeps is below 2^53). numeric (a sum
// of bigints, an average) likewise.
const INT8 = 20;
const NUMERIC = 1700;
const toNumber = (value: string) => Number(value);
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 || oid === NUMERIC
      ? toNumber
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

const pools = new WeakMap<Kysely<DB>, pg.Pool>();

export function openPostgres(url: string, opts: { poolSize?: number }): Kysely<DB> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    types,
    // A database that is down answers at once; one that does not answer fails within this.
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection closed by the server (a restart, a failover) is dropped from the pool and
  // the next query opens a new one; without a listener the error would end the process.
  pool.on("error", () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
  pools.set(db, pool);
  return db;
}

function poolOf(db: Kysely<DB>): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error("not a PostgreSQL store");
  return pool;
}

/** Batches of rows read from the cursor: a million rows never live at once. */
const BATCH = 5000;

/** Runs a compiled query and hands each row, as an array in the order of its select list, to `visit`. */
export async function eachPostgresRow(
  db: Kysely<DB>,
  query: CompiledQuery,
  visit: (row: unknown[]) => void,
): Promise<void> {
  const client = await poolOf(db).connect();
  let broken: Error | undefined;
  try {
    const cursor = client.query(
      new Cursor<unknown[]>(query.sql, query.parameters as unknown[], { rowMode: "array", types }),
    );
    try {
      for (;;) {
        const rows = await cursor.read(BATCH);
        for (const row of rows) visit(row);
        if (rows.length < BATCH) break;
      }
    } finally {
      await cursor.close().catch((err: Error) => (broken = err));
    }
  } finally {
    client.release(broken);
  }
}
