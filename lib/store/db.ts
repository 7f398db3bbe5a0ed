import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { isPostgres } from "./dialect";
import { migrateToLatest } from "./migrate";
import { isPostgresUrl, openPostgres } from "./postgres";
import type { DB } from "./schema";

export type Store = Kysely<DB>;

export interface OpenOptions {
  migrate?: boolean;
  /** SQLite: how long a write waits for another connection's. */
  busyTimeoutMs?: number;
  /**
   * SQLite: the WAL size (pages) past which a commit on this connection checkpoints first. The
   * store's 10,000 (40 MB) suits bulk writers; a writer whose every commit a caller waits for (the
   * sources' thread) takes SQLite's own 1,000: ten times the checkpoints, each a tenth as long.
   */
  checkpointPages?: number;
  /** PostgreSQL: connections kept by this process (the store writer and export worker open their own). */
  poolSize?: number;
}

/**
 * Opens the store and brings its schema up to date: a PostgreSQL database when `target` is a
 * `postgres://` URL (FOURFOLD_DATABASE_URL), else the SQLite file `target` (or `:memory:`). Every
 * query goes through Kysely; where the two disagree, dialect.ts writes each side.
 */
export async function openStore(target: string, opts: OpenOptions = {}): Promise<Store> {
  const db = isPostgresUrl(target) ? openPostgres(target, opts) : openSqlite(target, opts);
  if (target !== ":memory:") files.set(db, isPostgresUrl(target) ? target : path.resolve(target));
  if (opts.migrate !== false) {
    try {
      await migrateToLatest(db);
    } catch (err) {
      await db.destroy().catch(() => undefined);
      throw err;
    }
  }
  return db;
}

/** WAL lets the job worker read while requests write. */
function openSqlite(file: string, opts: OpenOptions): Store {
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
  sqlite.pragma(`wal_autocheckpoint = ${Math.trunc(opts.checkpointPages ?? 10000)}`);
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/**
 * SQLite: copies the WAL's pages into the database file, as far as no reader still needs them,
 * without waiting for any reader or writer (a PASSIVE checkpoint). PostgreSQL: nothing to do.
 */
export async function checkpointWal(db: Store): Promise<void> {
  if (!isPostgres(db)) await sql`PRAGMA wal_checkpoint(PASSIVE)`.execute(db);
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

/**
 * The file (or PostgreSQL URL) a store was opened from, for a thread that opens its own
 * connection; null in memory.
 */
export function storeFile(db: Store): string | null {
  return files.get(db) ?? null;
}

/**
 * A transaction that reads and then writes, one at a time per store. SQLite's default (deferred)
 * transaction takes the write lock only at its first write, and fails at once with SQLITE_BUSY when
 * another connection wrote since its read; `begin immediate` takes the lock first, so the busy
 * timeout applies instead. On PostgreSQL every instance's write transactions take one advisory
 * lock first, so they run one after another as on SQLite: a read-then-write (the reuse rule, a
 * claim, a batch's links) sees every write committed before it. A transaction that only appends
 * (`acrossInstances: false`) needs no order across instances and skips that lock.
 */
export async function writeTransaction<T>(
  db: Store,
  fn: (trx: Kysely<DB>) => Promise<T>,
  opts: { acrossInstances?: boolean } = {},
): Promise<T> {
  const postgres = isPostgres(db);
  return db.connection().execute(async (conn) => {
    await (postgres ? sql`begin` : sql`begin immediate`).execute(conn);
    try {
      if (postgres && opts.acrossInstances !== false)
        await sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`.execute(conn);
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

/** What a part of a transaction run by inSavepoint came to: its result, or the error that undid it. */
export type Part<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `fn` as one part of a transaction of writeTransaction (`trx`), so several independent
 * changes share its commit and each is still all or nothing: when `fn` throws, or `keep` says no
 * to its result, its writes alone are undone and the transaction goes on. Should the undoing fail
 * (the store ended the transaction itself: a full disk, say), the error is thrown, and the whole
 * transaction fails. Savepoints nest, and their syntax is the same on both stores.
 */
export async function inSavepoint<T>(
  trx: Kysely<DB>,
  fn: () => Promise<T>,
  keep: (value: T) => boolean = () => true,
): Promise<Part<T>> {
  await sql`SAVEPOINT part`.execute(trx);
  let part: Part<T>;
  try {
    const value = await fn();
    part = { ok: true, value };
    if (keep(value)) {
      await sql`RELEASE SAVEPOINT part`.execute(trx);
      return part;
    }
  } catch (error) {
    part = { ok: false, error };
  }
  try {
    await sql`ROLLBACK TO SAVEPOINT part`.execute(trx);
    await sql`RELEASE SAVEPOINT part`.execute(trx);
  } catch {
    throw part.ok ? new Error("a part of the transaction could not be undone") : part.error;
  }
  return part;
}

/** The advisory lock key of write transactions on PostgreSQL (any constant of the store's own). */
export const WRITE_LOCK = 0x4f0f_0001;
