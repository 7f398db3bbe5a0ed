// Stores for tests, on the dialect the run asks for: FOURFOLD_TEST_STORE=postgres gives each store a
// fresh database of the test PostgreSQL server (tests/pg-global-setup.ts starts one unless
// FOURFOLD_TEST_DATABASE_URL names one), dropped when the store is destroyed; otherwise SQLite.
import crypto from "node:crypto";
import pg from "pg";
import { openStore, type OpenOptions, type Store } from "../db";
import { migrations } from "../migrations";

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

const urlOf = (name: string) => {
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return url.toString();
};

/** A database migrated once per server and migrations, that migrated test databases are copies of. */
async function migratedTemplate(): Promise<string> {
  const digest = crypto.createHash("sha256").update(Object.keys(migrations).join()).digest("hex");
  const name = `fourfold_template_${digest.slice(0, 12)}`;
  await admin(async (c) => {
    // One test process makes it; the others wait for the lock, then find it.
    await c.query("SELECT pg_advisory_lock(4242)");
    try {
      const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (rowCount) return;
      await c.query(`CREATE DATABASE ${name}_partial TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
      const db = await openStore(urlOf(`${name}_partial`));
      await db.destroy();
      await c.query(`ALTER DATABASE ${name}_partial RENAME TO ${name}`);
    } finally {
      await c.query("SELECT pg_advisory_unlock(4242)");
    }
  });
  return name;
}

/**
 * A new database on the test server, with byte-wise text order (the C collation) as the SQLite
 * store compares text: empty, or with `migrated` a copy of one migrated once; `drop` removes it,
 * ending any connection left to it.
 */
export async function freshDatabase(
  opts: { migrated?: boolean } = {},
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `fourfold_test_${crypto.randomBytes(6).toString("hex")}`;
  const template = opts.migrated ? await migratedTemplate() : "template0";
  await admin((c) =>
    // FILE_COPY: a test database is small; copying its files beats logging every block (0.1 s, not 0.3).
    c.query(
      `CREATE DATABASE ${name} TEMPLATE ${template} ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' STRATEGY FILE_COPY`,
    ),
  );
  return {
    url: urlOf(name),
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
  const database = await freshDatabase({ migrated: true });
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
  const database = await freshDatabase({ migrated: true });
  process.env.FOURFOLD_DATABASE_URL = database.url;
  return database.drop;
}
