import "server-only";
import { Kysely, PostgresDialect, sql, type CompiledQuery } from "kysely";
import pg from "pg";
import Cursor from "pg-cursor";
import { isPostgres, POSTGRES_STORE } from "./dialect";
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

export function openPostgres(url: string, opts: { poolSize?: number }): Kysely<DB> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    types,
    // A database that is down answers at once; one that does not answer fails within this.
    connectionTimeoutMillis: 5000,
    // Connections stay open once made (at most `max`): no timer per idle connection, no reconnect
    // after a quiet minute.
    idleTimeoutMillis: 0,
  });
  // An idle connection closed by the server (a restart, a failover) is dropped from the pool and
  // the next query opens a new one; without a listener the error would end the process.
  pool.on("error", () => undefined);
  // A connection that breaks while checked out (the server restarted mid-query) fails that query;
  // without a listener of its own its error event would end the process too.
  pool.on("connect", (client) => client.on("error", () => undefined));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
  // On the adapter, which its transactions share, under a global symbol (see dialect.ts).
  (db.getExecutor().adapter as unknown as Record<symbol, unknown>)[POSTGRES_STORE] = pool;
  return db;
}

function poolOf(db: Kysely<DB>): pg.Pool {
  const pool = (db.getExecutor().adapter as unknown as Record<symbol, unknown>)[POSTGRES_STORE];
  if (!(pool instanceof Object)) throw new Error("not a PostgreSQL store");
  return pool as pg.Pool;
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

/** Rows a table had at its last ANALYZE here, and rows written since, per store. */
const growth = new WeakMap<Kysely<DB>, Map<string, { base: number; since: number }>>();

/**
 * PostgreSQL plans by its statistics of each table, which autovacuum renews about once a minute: a
 * table filled by ingestion batch after batch would be planned as the empty table it was (a scan of
 * the whole project for each row's link). After a write of `rows` rows to `tables`, a table that
 * has grown by half since its statistics were taken is analyzed now. SQLite: nothing to do (its
 * statements name their indexes).
 */
export async function analyzeWhenGrown(
  db: Kysely<DB>,
  tables: readonly string[],
  rows: number,
  /** A transaction of `db` that wrote the rows: its ANALYZE counts them before they are committed. */
  on: Kysely<DB> = db,
): Promise<void> {
  if (!isPostgres(db) || rows === 0) return;
  let tracked = growth.get(db);
  if (!tracked) growth.set(db, (tracked = new Map()));
  for (const table of tables) {
    let state = tracked.get(table);
    if (!state) {
      const { rows: found } = await sql<{ n: number }>`SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class
        WHERE oid = to_regclass(${table})`.execute(on);
      state = { base: Number(found[0]?.n ?? 0), since: 0 };
      tracked.set(table, state);
    }
    state.since += rows;
    if (state.since >= Math.max(1000, state.base / 2)) {
      // SKIP_LOCKED: a VACUUM (ANALYZE) of the table is running (vacuumWhenGrown), and analyzes it.
      await sql`ANALYZE (SKIP_LOCKED) ${sql.table(table)}`.execute(on);
      state.base += state.since;
      state.since = 0;
    }
  }
}

/** Inserted or changed rows since a table's last VACUUM past which vacuumWhenGrown vacuums it. */
export const VACUUM_MIN_ROWS = 1000;
const vacuuming = new WeakMap<Kysely<DB>, Promise<string[]>>();

/**
 * PostgreSQL reads a row's index entry alone (an index-only scan: the coverage's counts, the records
 * behind the figures) only on pages its visibility map marks all-visible, which VACUUM does;
 * autovacuum gets to a table filled by an ingestion a minute or more later, and until then each
 * count visits a million rows. The store writer calls this when the writes go quiet: every table
 * with at least a tenth (and VACUUM_MIN_ROWS) of its rows inserted or changed since its last vacuum
 * is vacuumed and analyzed, one at a time on a connection of the pool. Concurrent writes go on
 * (VACUUM does not block them); a second call while one runs joins it. Returns the tables vacuumed.
 * SQLite: nothing to do.
 */
export function vacuumWhenGrown(db: Kysely<DB>): Promise<string[]> {
  if (!isPostgres(db)) return Promise.resolve([]);
  const running = vacuuming.get(db);
  if (running) return running;
  const run = (async () => {
    const { rows } = await sql<{ name: string }>`SELECT relname AS name FROM pg_stat_user_tables
      WHERE schemaname = current_schema()
      AND n_ins_since_vacuum + n_dead_tup >= greatest(${VACUUM_MIN_ROWS}, n_live_tup / 10)
      ORDER BY relname`.execute(db);
    for (const { name } of rows) await sql`VACUUM (ANALYZE, SKIP_LOCKED) ${sql.table(name)}`.execute(db);
    return rows.map((r) => r.name);
  })().finally(() => vacuuming.delete(db));
  vacuuming.set(db, run);
  return run;
}
