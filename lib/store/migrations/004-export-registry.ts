import type { Kysely } from "kysely";
import { autoId } from "../dialect";

// The dashboard's exports registry: every export made through the proxy, who asked, its scope and
// parameters, so access can be checked on poll and download and the exports page can list them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("export_registry")
    .addColumn("seq", "integer", autoId(db))
    .addColumn("connection", "text", (c) => c.notNull())
    .addColumn("upstream_id", "text", (c) => c.notNull())
    .addColumn("scope_kind", "text", (c) => c.notNull())
    .addColumn("scope_value", "text", (c) => c.notNull())
    .addColumn("params", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("upstream_created_at", "text")
    .addUniqueConstraint("export_registry_upstream", ["connection", "upstream_id"])
    .execute();
  await db.schema
    .createIndex("export_registry_scope")
    .on("export_registry")
    .columns(["connection", "scope_kind", "scope_value"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("export_registry").execute();
}
