// Stores for tests, on the dialect the run asks for: FOURFOLD_TEST_STORE=postgres gives each store a
// fresh database of the test PostgreSQL server (tests/pg-global-setup.ts starts one unless
// FOURFOLD_TEST_DATABASE_URL names one), dropped when the store is destroyed; otherwise SQLite.
import crypto from "node:crypto";
import pg from "pg";
import { openStore, type OpenOptions, type Store } from "../db";

export type TestDialect = "sqlite" | "postgres";

/** The dialect of this run's stores. */
export const testDialect = (): TestDialect => (process.env.FOURFOLD_TEST_STORE === "postgres" ? "postgres" : "sqlite");

/** The test server's superuser URL; throws when none was started. */
export function testServerUrl(): string {
  const url = process.env.FOURFOLD_TEST_DATABASE_URL;
  if (!url)
    throw new Error("no test PostgreSQL: FOURFOLD_TEST_DATABASE_URL is unset (tests/pg-global-setup.ts sets it)");
  return url;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A new empty database on the test server, with byte-wise text order (the C collation) as the
 * SQLite store compares text; `drop` removes it, ending any connection left to it.
 */
export async function freshDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `fourfold_test_${crypto.randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`));
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * A store for one test: SQLite at `sqliteFile` (default in memory), or a fresh PostgreSQL database
 * that its `destroy()` drops.
 */
export async function openTestStore(
  sqliteFile = ":memory:",
  opts: OpenOptions & { dialect?: TestDialect } = {},
): Promise<Store> {
  if ((opts.dialect ?? testDialect()) === "sqlite") return openStore(sqliteFile, opts);
  const database = await freshDatabase();
  const db = await openStore(database.url, opts);
  const destroy = db.destroy.bind(db);
  db.destroy = async () => {
    await destroy();
    await database.drop();
  };
  return db;
}

/**
 * For request-level tests, before the runtime starts: on a PostgreSQL run, points
 * FOURFOLD_DATABASE_URL at a fresh database; returns what removes it after the runtime's store is closed.
 */
export async function usePostgresIfAsked(): Promise<() => Promise<void>> {
  if (testDialect() !== "postgres") return async () => {};
  const database = await freshDatabase();
  process.env.FOURFOLD_DATABASE_URL = database.url;
  return database.drop;
}
