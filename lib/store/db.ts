import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { migrateToLatest } from "./migrate";
import type { DB } from "./schema";

export type Store = Kysely<DB>;

/**
 * Opens the SQLite store at `file` and brings its schema up to date. WAL lets the job worker
 * read while requests write. Every query goes through Kysely, so another dialect can replace this one.
 */
export async function openStore(
  file: string,
  opts: { migrate?: boolean; busyTimeoutMs?: number } = {},
): Promise<Store> {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  // A thread of its own (the export worker) may wait longer for the write lock than a request can.
  sqlite.pragma(`busy_timeout = ${Math.trunc(opts.busyTimeoutMs ?? 5000)}`);
  // Ingestion inserts into indexes keyed by random ids and shas: 256 MiB of page cache instead of 2
  // keeps their pages in memory (a million-PR project's indexes), and checkpointing every 40 MB of WAL instead of every 4 writes a
  // page rewritten by consecutive batches once.
  sqlite.pragma("cache_size = -262144");
  sqlite.pragma("wal_autocheckpoint = 10000");
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  if (file !== ":memory:") files.set(db, path.resolve(file));
  if (opts.migrate !== false) await migrateToLatest(db);
  return db;
}

const files = new WeakMap<Store, string>();

/** Prepared statements kept per connection, the most recently used first out last. */
export const STATEMENT_CACHE_SIZE = 128;

/**
 * The connection as Kysely sees it, with its prepared statements kept: Kysely prepares every query
 * it runs, and preparing is a good part of a short query's cost (a status poll), or of a batch's
 * (its 500-row inserts share one statement). A statement still being iterated is never handed out
 * twice: that query gets a fresh one.
 */
export function withStatementCache(sqlite: Database.Database): Pick<Database.Database, "prepare" | "close"> {
  const cache = new Map<string, Database.Statement>();
  return {
    prepare(source: string) {
      const kept = cache.get(source);
      if (kept && !kept.busy) {
        cache.delete(source);
        cache.set(source, kept);
        return kept;
      }
      const stmt = sqlite.prepare(source);
      cache.set(source, stmt);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return stmt;
    },
    close() {
      cache.clear();
      return sqlite.close();
    },
  } as Pick<Database.Database, "prepare" | "close">;
}

/** The file a store was opened from, for a thread that opens its own connection; null in memory. */
export function storeFile(db: Store): string | null {
  return files.get(db) ?? null;
}

/**
 * A transaction that reads and then writes. SQLite's default (deferred) transaction takes the write
 * lock only at its first write, and fails at once with SQLITE_BUSY when another connection wrote
 * since its read; `begin immediate` takes the lock first, so the busy timeout applies instead.
 */
export async function writeTransaction<T>(db: Store, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      // After SQLITE_FULL, SQLITE_IOERR, SQLITE_BUSY or SQLITE_NOMEM, SQLite may have rolled the
      // transaction back already; then this rollback fails ("no transaction is active"), and the
      // error to report is still the first one (a full disk, not a rollback).
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}
