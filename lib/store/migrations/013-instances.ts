import type { Kysely } from "kysely";
import { bytesType } from "../dialect";

// What several Fourfold instances on one PostgreSQL share besides the tables they already had:
// - export_files: an export's file, in parts, written in the transaction that completes its job, so
//   that every instance can serve it and no two attempts can both leave one (on SQLite the files
//   stay in the data folder, as before, and this table stays empty);
// - rate_counts: hits per key and millisecond, for limits that must hold across instances (the
//   dashboard's export creates); on SQLite those limits stay in the server's memory;
// - shared_secrets: the secrets a first start generates (the session secret, the engine's API key)
//   when every instance must have the same ones; on SQLite they stay files in the data folder.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("export_files")
    .addColumn("job_id", "text", (c) => c.notNull())
    .addColumn("part", "integer", (c) => c.notNull())
    .addColumn("bytes", bytesType(db), (c) => c.notNull())
    .addPrimaryKeyConstraint("export_files_pk", ["job_id", "part"])
    .execute();
  await db.schema
    .createTable("rate_counts")
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("at", "bigint", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("rate_counts_pk", ["key", "at"])
    .execute();
  await db.schema
    .createTable("shared_secrets")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("shared_secrets").execute();
  await db.schema.dropTable("rate_counts").execute();
  await db.schema.dropTable("export_files").execute();
}
