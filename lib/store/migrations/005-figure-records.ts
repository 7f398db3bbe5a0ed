import { sql, type Kysely } from "kysely";
import { bytesType, isPostgres } from "../dialect";

// Every team's linked records (lib/dora/figures/records.ts), kept per data version so an export
// need not load and link a million rows again. Triggers count every change to a project's
// records; stored figure records are current while their version equals the project's.

const SOURCES = ["work_items", "pull_requests", "builds", "deployments", "incidents"] as const;
const EVENTS = [
  ["insert", "NEW"],
  ["update", "NEW"],
  ["delete", "OLD"],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("data_versions")
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("project_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("data_versions_pk", ["org_id", "project_id"])
    .execute();
  await db.schema
    .createTable("figure_record_versions")
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("project_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("figure_record_versions_pk", ["org_id", "project_id"])
    .execute();
  await db.schema
    .createTable("figure_records")
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("project_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("team_id", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("data", bytesType(db), (c) => c.notNull())
    .addPrimaryKeyConstraint("figure_records_pk", ["org_id", "project_id", "kind", "team_id"])
    .execute();
  if (isPostgres(db)) return versionTriggersPostgres(db);
  for (const table of SOURCES) {
    for (const [event, row] of EVENTS) {
      // One upsert per row changed: about a microsecond each, against ~20 for the write itself.
      await sql
        .raw(
          `CREATE TRIGGER ${table}_version_${event} AFTER ${event.toUpperCase()} ON ${table} BEGIN ` +
            `INSERT INTO data_versions (org_id, project_id, version) VALUES (${row}.org_id, ${row}.project_id, 1) ` +
            `ON CONFLICT (org_id, project_id) DO UPDATE SET version = version + 1; END`,
        )
        .execute(db);
    }
  }
}

/**
 * PostgreSQL: one trigger per statement, not per row, over the rows it changed (a transition table):
 * a batch of 500 records counts once per project instead of 500 times. Only a change of version
 * matters, not its amount.
 */
async function versionTriggersPostgres(db: Kysely<any>): Promise<void> {
  await sql`CREATE FUNCTION count_data_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    INSERT INTO data_versions (org_id, project_id, version) SELECT DISTINCT org_id, project_id, 1 FROM changed
    ON CONFLICT (org_id, project_id) DO UPDATE SET version = data_versions.version + 1;
    RETURN NULL; END $$`.execute(db);
  for (const table of SOURCES) {
    for (const [event, row] of EVENTS) {
      const rows = row === "NEW" ? "NEW TABLE" : "OLD TABLE";
      await sql
        .raw(
          `CREATE TRIGGER ${table}_version_${event} AFTER ${event.toUpperCase()} ON ${table} ` +
            `REFERENCING ${rows} AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_data_version()`,
        )
        .execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of SOURCES) {
    for (const [event] of EVENTS)
      await sql
        .raw(`DROP TRIGGER IF EXISTS ${table}_version_${event}${isPostgres(db) ? ` ON ${table}` : ""}`)
        .execute(db);
  }
  if (isPostgres(db)) await sql`DROP FUNCTION count_data_version()`.execute(db);
  for (const table of ["figure_records", "figure_record_versions", "data_versions"])
    await db.schema.dropTable(table).execute();
}
