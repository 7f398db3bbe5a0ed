import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely, type RawBuilder } from "kysely";
import type { DB } from "./schema";

// The few places where SQLite and PostgreSQL disagree, each one function that writes the SQLite
// form as the store always has and PostgreSQL's equivalent. Everything else is one query for both.
// The dialect is read from the connection (a transaction's is its store's), so the same code serves
// a process that holds one store of each (`npm run db -- copy`).

export type DialectName = "sqlite" | "postgres";

/** A store, a transaction of one, or the untyped store a migration gets: all this seam reads of it. */
export type AnyStore = Pick<Kysely<DB>, "getExecutor">;

/**
 * Set on the adapter of a PostgreSQL store when it is opened. A transaction shares its store's
 * adapter; and a server bundle may hold two copies of Kysely (its ESM and CommonJS builds, one per
 * layer), where `instanceof` would tell a store of one copy from a class of the other.
 */
export const POSTGRES_STORE = Symbol.for("fourfold.store.postgres");

export function dialectOf(db: AnyStore): DialectName {
  const adapter = db.getExecutor().adapter as unknown as Record<symbol, unknown>;
  return adapter[POSTGRES_STORE] || adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

export const isPostgres = (db: AnyStore): boolean => dialectOf(db) === "postgres";

/** An id column numbered by the store: SQLite's AUTOINCREMENT, PostgreSQL's identity column. */
export const autoId =
  (db: AnyStore) =>
  (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    isPostgres(db) ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();

/** Bytes: SQLite's blob, PostgreSQL's bytea. */
export const bytesType = (db: AnyStore): "blob" | "bytea" => (isPostgres(db) ? "bytea" : "blob");

const json = (values: readonly unknown[]) => JSON.stringify(values);

/** A list of strings bound as one JSON text, as a table `alias` whose column `value` holds each string. */
export function jsonTexts(db: AnyStore, values: readonly unknown[], alias: string): RawBuilder<unknown> {
  return isPostgres(db)
    ? sql`json_array_elements_text(${json(values)}::json) AS ${sql.ref(alias)}(value)`
    : sql`json_each(${json(values)}) AS ${sql.ref(alias)}`;
}

/** The elements of a JSON array of strings held in a column (null: none), as a table `alias` with `value`. */
export function jsonColumnTexts(db: AnyStore, column: string, alias: string): RawBuilder<unknown> {
  return isPostgres(db)
    ? sql`json_array_elements_text(${sql.ref(column)}::json) AS ${sql.ref(alias)}(value)`
    : sql`json_each(${sql.ref(column)}) ${sql.ref(alias)}`;
}

/** `(SELECT value …)`: the strings as a one-column subquery, for `x IN …` (no bound-variable limit). */
export function inJsonTexts(db: AnyStore, values: readonly unknown[]): RawBuilder<unknown> {
  return isPostgres(db)
    ? sql`(SELECT json_array_elements_text(${json(values)}::json))`
    : sql`(SELECT value FROM json_each(${json(values)}))`;
}

/**
 * Rows bound as one JSON text (an array of arrays; given as the text itself or as the rows), as a
 * subquery with the named columns, each of the given PostgreSQL type (SQLite takes JSON values as
 * they are).
 */
export function jsonRows(
  db: AnyStore,
  columns: readonly (readonly [name: string, pgType: "text" | "bigint" | "integer"])[],
  rows: readonly (readonly unknown[])[] | string,
): RawBuilder<unknown> {
  const text = typeof rows === "string" ? rows : JSON.stringify(rows);
  if (isPostgres(db)) {
    return sql`(SELECT ${sql.join(
      columns.map(([c, type], i) => sql`(j.value ->> ${sql.lit(i)})::${sql.raw(type)} AS ${sql.ref(c)}`),
    )} FROM json_array_elements(${text}::json) j)`;
  }
  return sql`(SELECT ${sql.join(columns.map(([c], i) => sql`j.value ->> ${sql.lit(i)} AS ${sql.ref(c)}`))} FROM json_each(${text}) j)`;
}

/** A table read through a named index: SQLite's INDEXED BY; PostgreSQL's planner chooses (it keeps statistics). */
export function indexedBy(db: AnyStore, table: string, index: string, alias?: string): RawBuilder<unknown> {
  const t = alias ? sql`${sql.table(table)} ${sql.ref(alias)}` : sql.table(table);
  return isPostgres(db) ? t : sql`${t} INDEXED BY ${sql.raw(index)}`;
}

/** A column kept out of index choice (SQLite's unary plus); PostgreSQL has no such hint and needs none. */
export function unindexed(db: AnyStore, column: string): RawBuilder<unknown> {
  return isPostgres(db) ? sql.ref(column) : sql`+${sql.ref(column)}`;
}

/** The least of values (none null): SQLite's scalar min(), PostgreSQL's least(). */
export function leastOf(db: AnyStore, values: readonly RawBuilder<unknown>[]): RawBuilder<unknown> {
  return isPostgres(db) ? sql`least(${sql.join(values)})` : sql`min(${sql.join(values)})`;
}

/** A condition as 0 or 1: SQLite's comparisons are integers already; PostgreSQL's are booleans. */
export function asInteger(db: AnyStore, condition: RawBuilder<unknown>): RawBuilder<number> {
  return isPostgres(db) ? sql<number>`(${condition})::integer` : sql<number>`${condition}`;
}

/** `a IS NOT b` with nulls compared as values: SQLite's IS NOT, PostgreSQL's IS DISTINCT FROM. */
export function isDistinct(db: AnyStore, a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<unknown> {
  return isPostgres(db) ? sql`${a} IS DISTINCT FROM ${b}` : sql`${a} IS NOT ${b}`;
}

/** An INSERT that skips rows whose key is stored already: [before the table, after the rows]. */
export function insertIgnoring(db: AnyStore): [RawBuilder<unknown>, RawBuilder<unknown>] {
  return isPostgres(db) ? [sql`INSERT INTO`, sql`ON CONFLICT DO NOTHING`] : [sql`INSERT OR IGNORE INTO`, sql``];
}

/**
 * How a stored record of a project is found again in the same transaction: SQLite's rowid (one
 * seek); PostgreSQL has none, and a record's id is unique within its project.
 */
export function rowKey(db: AnyStore, alias: string): RawBuilder<unknown> {
  return sql.ref(`${alias}.${isPostgres(db) ? "id" : "rowid"}`);
}

/** The condition that `table`'s row is the one `rowKey` gave as `key`, in project (org, project). */
export function isRow(
  db: AnyStore,
  table: string,
  key: RawBuilder<unknown>,
  org: string,
  project: string,
): RawBuilder<unknown> {
  return isPostgres(db)
    ? sql`${sql.ref(`${table}.org_id`)} = ${org} AND ${sql.ref(`${table}.project_id`)} = ${project} AND ${sql.ref(`${table}.id`)} = ${key}`
    : sql`${sql.ref(`${table}.rowid`)} = ${key}`;
}

/**
 * A join that keeps the written order, with an ON clause: SQLite's CROSS JOIN (its planner never
 * reorders one); PostgreSQL's CROSS JOIN takes no ON, and its planner orders joins by statistics.
 */
export function joinInOrder(db: AnyStore): RawBuilder<unknown> {
  return isPostgres(db) ? sql`JOIN` : sql`CROSS JOIN`;
}
