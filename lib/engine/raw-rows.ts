import "server-only";
import Database from "better-sqlite3";
import { sql, type Compilable } from "kysely";
import { eachPostgresRow, isPostgres, type Store } from "@/lib/store";

// Loading a million rows as objects costs seconds in better-sqlite3 (each row's object is built
// through V8's API); as arrays (raw mode) a fraction of that. Queries are still built and compiled
// by Kysely; only their execution goes to a read-only connection of the same file, in raw mode.
// An in-memory store (tests) has no second connection and runs them through Kysely instead.
// On PostgreSQL the rows come as arrays too, from a cursor in batches (lib/store/postgres.ts).

const handles = new WeakMap<Store, Promise<Database.Database | null>>();

async function openReader(db: Store): Promise<Database.Database | null> {
  const { rows } = await sql<{ name: string; file: string }>`PRAGMA database_list`.execute(db);
  const file = rows.find((r) => r.name === "main")?.file ?? "";
  if (file === "") return null;
  const reader = new Database(file, { readonly: true, fileMustExist: true });
  reader.pragma("busy_timeout = 5000");
  return reader;
}

function reader(db: Store): Promise<Database.Database | null> {
  let handle = handles.get(db);
  if (!handle) {
    handle = openReader(db);
    handles.set(db, handle);
  }
  return handle;
}

/** Runs a Kysely query and maps each row, given as an array in the order of its select list. */
export async function fetchRows<T>(db: Store, query: Compilable, map: (row: unknown[]) => T): Promise<T[]> {
  const out: T[] = [];
  await eachRow(db, query, (row) => out.push(map(row)));
  return out;
}

/**
 * Runs a Kysely query and hands each row (an array in the order of its select list) to `visit`,
 * one at a time: a million rows never live at once, so the garbage collector stays idle.
 */
export async function eachRow(db: Store, query: Compilable, visit: (row: unknown[]) => void): Promise<void> {
  const compiled = query.compile();
  if (isPostgres(db)) return eachPostgresRow(db, compiled, visit);
  const raw = await reader(db);
  if (raw) {
    const stmt = raw.prepare(compiled.sql).raw(true);
    for (const row of stmt.iterate(...(compiled.parameters as unknown[])) as Iterable<unknown[]>) visit(row);
    return;
  }
  const { rows } = await db.executeQuery(compiled);
  for (const row of rows) visit(Object.values(row as object));
}
