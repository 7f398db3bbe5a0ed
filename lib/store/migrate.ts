import "server-only";
import { Migrator, sql, type Kysely, type Migration } from "kysely";
import { isPostgres } from "./dialect";
import { migrations } from "./migrations";

/** The advisory lock key under which PostgreSQL stores migrate (any constant of the store's own). */
export const MIGRATION_LOCK = 0x4f0f_0000;

/**
 * Runs every migration not yet applied and returns their names; a failed migration throws with its
 * name. On PostgreSQL, instances starting together migrate one at a time under an advisory lock held
 * by a connection of its own: the first applies them, the others then find nothing left to do.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  if (!isPostgres(db)) return migrate(db);
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      return await migrate(db);
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}

async function migrate(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async (): Promise<Record<string, Migration>> => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`store migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
