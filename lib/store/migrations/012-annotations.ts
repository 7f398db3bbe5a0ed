import type { Kysely } from "kysely";
import { autoId } from "../dialect";

// Annotations: a dated note (or a date range) on a team or an org tree, written by a user of the
// dashboard, per connection (a team id of one SEI is not the same team on another). Its author is
// kept by id, to decide who may change it, and by email, to show it after the account is gone.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("annotations")
    .addColumn("id", "integer", autoId(db))
    .addColumn("connection", "text", (c) => c.notNull())
    .addColumn("scope_kind", "text", (c) => c.notNull())
    .addColumn("scope_value", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text")
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("author_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("author_email", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint")
    .execute();
  await db.schema
    .createIndex("annotations_scope")
    .on("annotations")
    .columns(["connection", "scope_kind", "scope_value", "start_date"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("annotations").execute();
}
