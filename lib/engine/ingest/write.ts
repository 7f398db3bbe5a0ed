import "server-only";
import type { CompiledQuery, Kysely } from "kysely";
import type { Team } from "@/lib/dora/types";
import type { Store } from "@/lib/store/db";
import type { RecordTable } from "./kinds";
import type { Scope } from "./rows";

// SQLite allows 32,766 bound variables a statement; stay well under it.
const MAX_VARIABLES = 30_000;
const KEY = ["org_id", "project_id", "id"] as const;

// The tables share their key but not their columns, so the generic writers use an untyped handle.
type AnyTables = Record<RecordTable, Record<string, unknown>>;
const untyped = (db: Store): Kysely<AnyTables> => db as unknown as Kysely<AnyTables>;

/** The ids among `ids` already stored in `table` for the project. */
export async function existingIds(db: Store, scope: Scope, table: RecordTable, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of chunks(ids, MAX_VARIABLES - 2)) {
    const rows = await untyped(db)
      .selectFrom(table)
      .select("id")
      .where("org_id", "=", scope.org)
      .where("project_id", "=", scope.project)
      .where("id", "in", chunk)
      .execute();
    for (const row of rows) found.add(row.id as string);
  }
  return found;
}

/** Inserts rows, replacing every column of a row whose key exists (spec §2: re-sending replaces). */
export async function upsertRows(db: Store, table: RecordTable, rows: Record<string, unknown>[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  for (const chunk of chunks(rows, UPSERT_CHUNK)) {
    const query = upsertQuery(db, table, columns, chunk.length);
    const parameters = new Array<unknown>(chunk.length * columns.length);
    let at = 0;
    for (const row of chunk) for (const column of columns) parameters[at++] = row[column];
    await db.executeQuery({ ...query, parameters });
  }
}

// Building and compiling a multi-row insert costs more than running it, so each shape is compiled
// once (by the dialect, with placeholders) and re-run with fresh parameters, row by row, column by column.
const UPSERT_CHUNK = 500;
// Keyed by the store's adapter, so two stores of different dialects never share SQL.
const compiled = new WeakMap<object, Map<string, CompiledQuery>>();

function upsertQuery(db: Store, table: RecordTable, columns: string[], rowCount: number): CompiledQuery {
  const adapter = db.getExecutor().adapter;
  const cache = compiled.get(adapter) ?? new Map<string, CompiledQuery>();
  compiled.set(adapter, cache);
  const key = `${table}|${rowCount}|${columns.join(",")}`;
  let query = cache.get(key);
  if (!query) {
    const blank = Object.fromEntries(columns.map((c) => [c, null]));
    const updated = columns.filter((c) => !(KEY as readonly string[]).includes(c));
    query = untyped(db)
      .insertInto(table)
      .values(Array.from({ length: rowCount }, () => blank))
      .onConflict((oc) =>
        oc.columns([...KEY]).doUpdateSet((eb) => Object.fromEntries(updated.map((c) => [c, eb.ref(`excluded.${c}`)]))),
      )
      .compile();
    if (query.parameters.length !== rowCount * columns.length) throw new Error("upsert: unexpected parameter layout");
    cache.set(key, query);
  }
  return query;
}

/** The project's teams by id. */
export async function storedTeams(db: Store, scope: Scope): Promise<Map<string, Team>> {
  const rows = await db
    .selectFrom("teams")
    .select(["id", "name", "org_tree as orgTree", "ref_id as refId", "parent_id as parentId"])
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .execute();
  return new Map(rows.map((team) => [team.id, team]));
}

export function chunks<T>(values: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
