import type { Kysely } from "kysely";

// Export jobs of the engine's V2 API (spec §5), persistent so they survive a restart.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("export_jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("project_id", "text", (c) => c.notNull())
    .addColumn("params_key", "text", (c) => c.notNull())
    .addColumn("params", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("started_at", "bigint")
    .addColumn("completed_at", "bigint")
    .addColumn("expires_at", "bigint")
    .addColumn("row_count", "integer")
    .addColumn("size_bytes", "integer")
    .addColumn("artifact", "text")
    .addColumn("error_code", "text")
    .addColumn("error_message", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("run_after", "bigint", (c) => c.notNull())
    .addColumn("lease_owner", "text")
    .addColumn("lease_until", "bigint")
    .execute();
  await db.schema
    .createIndex("export_jobs_reuse")
    .on("export_jobs")
    .columns(["org_id", "project_id", "params_key", "created_at"])
    .execute();
  await db.schema.createIndex("export_jobs_queue").on("export_jobs").columns(["status", "run_after"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("export_jobs").execute();
}
