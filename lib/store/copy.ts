import "server-only";
import { sql, type Kysely } from "kysely";
import type { Store } from "./db";
import type { DB } from "./schema";
import { isPostgres } from "./dialect";

// `npm run db -- copy`: every row of every table of one store into another (a SQLite store into
// PostgreSQL), in one transaction of the target, read from one snapshot of the source, in batches,
// with each table's count checked before the commit. Both stores are at the latest migration.

/** Tables that others reference, first; then the rest in name order. */
const PARENTS_FIRST = ["users", "user_identities", "sessions", "source_events"];
/** Written by triggers while the records are copied: replaced by the source's after them. */
const LAST = ["data_versions"];

/** Bound values per INSERT (PostgreSQL allows 65,535; SQLite 32,766). */
const VALUES_PER_INSERT = 30_000;

export interface CopyProgress {
  table: string;
  rows: number;
}

export interface CopyResult {
  tables: { table: string; rows: number }[];
}

export class CopyRefused extends Error {}

async function tablesOf(db: Kysely<DB>): Promise<string[]> {
  const names = (await db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith("kysely_"));
  const rank = (n: string) => (PARENTS_FIRST.includes(n) ? PARENTS_FIRST.indexOf(n) - 100 : LAST.includes(n) ? 100 : 0);
  return names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

const countOf = async (db: Kysely<DB>, table: string): Promise<number> =>
  Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db)).rows[0]!.n);

/** Tables of `db` that hold rows. */
export async function nonEmptyTables(db: Store): Promise<string[]> {
  const out: string[] = [];
  for (const table of await tablesOf(db)) if ((await countOf(db, table)) > 0) out.push(table);
  return out;
}

/**
 * Copies every row of `from` into `to`. A target holding rows is refused unless `replace`, which
 * empties it first (in the same transaction: a failed copy leaves it as it was).
 */
export async function copyStore(
  from: Store,
  to: Store,
  opts: { replace?: boolean; batchRows?: number; onProgress?: (p: CopyProgress) => void } = {},
): Promise<CopyResult> {
  const tables = await tablesOf(from);
  const targetTables = await tablesOf(to);
  const missing = tables.filter((t) => !targetTables.includes(t));
  if (missing.length > 0)
    throw new CopyRefused(`the target has no table ${missing.join(", ")}: is it at the same version?`);
  const filled = await nonEmptyTables(to);
  if (filled.length > 0 && !opts.replace)
    throw new CopyRefused(`the target holds rows already (${filled.join(", ")}): pass --replace to overwrite it`);

  // One snapshot of the source: a read transaction on one connection of it.
  return from.connection().execute(async (source) => {
    await sql`BEGIN`.execute(source);
    try {
      const result = await to.transaction().execute(async (target) => {
        if (filled.length > 0) await emptyAll(target, targetTables);
        const copied: CopyResult["tables"] = [];
        for (const table of tables) {
          if (LAST.includes(table)) await sql`DELETE FROM ${sql.table(table)}`.execute(target);
          const rows = await copyTable(source, target, table, opts);
          const [expected, actual] = [await countOf(source, table), await countOf(target, table)];
          if (rows !== expected || actual !== expected)
            throw new Error(`${table}: ${expected} rows in the source, ${rows} read, ${actual} in the target`);
          copied.push({ table, rows });
        }
        if (isPostgres(target)) await restartIdentities(target, targetTables);
        return { tables: copied };
      });
      await sql`COMMIT`.execute(source);
      return result;
    } catch (err) {
      await sql`ROLLBACK`.execute(source).catch(() => undefined);
      throw err;
    }
  });
}

async function copyTable(
  source: Kysely<DB>,
  target: Kysely<DB>,
  table: string,
  opts: { batchRows?: number; onProgress?: (p: CopyProgress) => void },
): Promise<number> {
  let batch: Record<string, unknown>[] = [];
  let limit = opts.batchRows ?? 5000;
  let rows = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    // Rows of any table, as the source gave them: the tables of both stores are the same.
    await target
      .insertInto(table as keyof DB)
      .values(batch as never)
      .execute();
    rows += batch.length;
    batch = [];
    opts.onProgress?.({ table, rows });
  };
  for await (const row of source
    .selectFrom(table as keyof DB)
    .selectAll()
    .stream(1000) as AsyncIterable<Record<string, unknown>>) {
    if (batch.length === 0)
      limit = Math.max(1, Math.min(limit, Math.floor(VALUES_PER_INSERT / Object.keys(row).length)));
    batch.push(row);
    if (batch.length >= limit) await flush();
  }
  await flush();
  return rows;
}

async function emptyAll(target: Kysely<DB>, tables: string[]): Promise<void> {
  if (isPostgres(target)) {
    await sql`TRUNCATE ${sql.join(tables.map((t) => sql.table(t)))} RESTART IDENTITY CASCADE`.execute(target);
    return;
  }
  // SQLite's source_events refuses deletes (append-only): a SQLite target is a new file instead.
  throw new CopyRefused("--replace is for a PostgreSQL target only: copy into a new SQLite file");
}

/** After ids were copied as they were: each identity column goes on from the largest. */
async function restartIdentities(target: Kysely<DB>, tables: string[]): Promise<void> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`SELECT table_name, column_name
    FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'`.execute(target);
  for (const { table_name: table, column_name: column } of rows) {
    if (!tables.includes(table)) continue;
    await sql`SELECT setval(pg_get_serial_sequence(${table}, ${column}),
      coalesce((SELECT max(${sql.ref(column)}) FROM ${sql.table(table)}), 0) + 1, false)`.execute(target);
  }
}
