import { sql, type Kysely } from "kysely";
import { autoId, isPostgres } from "../dialect";

// Sources (shared/spec/sources.md): what GitHub, a git repository and later sources bring, kept so
// that a changed mapping is a replay, not a lost history.
// - source_events: the event log, append-only: every accepted delivery (or imported item) raw and
//   whole, unique by its delivery id; only its mapping outcome columns change afterwards.
// - source_facts: what an event says about one entity (a pull request, a branch, a run…) under the
//   mapping it was mapped with; an entity's records are folded from all its facts, so the order in
//   which events arrived does not matter.
// - source_records: the engine records each entity produced, so a replay can remove those that the
//   current mapping no longer produces (and never touches records sent to /v2/ingest directly).
// - source_mappings: the mapping document per project, every saved version kept.
// - source_secrets: a webhook secret per project and source, encrypted (AES-256-GCM) with a key kept
//   in the data folder.
// - source_imports: importer runs with their progress and the cursor they resume from.
// - source_leases: one mapper at a time per store, across processes (server and CLI).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("source_events")
    .addColumn("id", "integer", autoId(db))
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("project_id", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("delivery_id", "text", (c) => c.notNull())
    .addColumn("event_type", "text", (c) => c.notNull())
    .addColumn("received_at", "bigint", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("signature", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("reason", "text")
    .addColumn("records", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("mapped_at", "bigint")
    .addUniqueConstraint("source_events_delivery", ["org_id", "project_id", "source", "delivery_id"])
    .execute();
  await db.schema.createIndex("source_events_status").on("source_events").columns(["status", "id"]).execute();
  await db.schema
    .createIndex("source_events_received")
    .on("source_events")
    .columns(["org_id", "project_id", "source", "received_at"])
    .execute();
  // Append-only: the delivery itself never changes; only its mapping outcome does.
  if (isPostgres(db)) {
    await sql`CREATE FUNCTION source_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'source_events is append-only'; END $$`.execute(db);
    await sql`CREATE TRIGGER source_events_append_only BEFORE UPDATE OF org_id, project_id, source, delivery_id,
      event_type, received_at, body, signature ON source_events
      FOR EACH ROW EXECUTE FUNCTION source_events_append_only()`.execute(db);
    await sql`CREATE TRIGGER source_events_no_delete BEFORE DELETE ON source_events
      FOR EACH ROW EXECUTE FUNCTION source_events_append_only()`.execute(db);
  } else {
    await sql`CREATE TRIGGER source_events_append_only BEFORE UPDATE OF org_id, project_id, source, delivery_id,
    event_type, received_at, body, signature ON source_events
    BEGIN SELECT RAISE(ABORT, 'source_events is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER source_events_no_delete BEFORE DELETE ON source_events
    BEGIN SELECT RAISE(ABORT, 'source_events is append-only'); END`.execute(db);
  }

  await db.schema
    .createTable("source_facts")
    .addColumn("event_id", "integer", (c) => c.notNull().references("source_events.id"))
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("project_id", "text", (c) => c.notNull())
    .addColumn("link", "text")
    .addColumn("at", "bigint", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("source_facts_pk", ["event_id", "entity"])
    .execute();
  await db.schema
    .createIndex("source_facts_entity")
    .on("source_facts")
    .columns(["org_id", "project_id", "entity"])
    .execute();
  await db.schema
    .createIndex("source_facts_link")
    .on("source_facts")
    .columns(["org_id", "project_id", "link"])
    .execute();

  await db.schema
    .createTable("source_records")
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("project_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("record_id", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("written_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("source_records_pk", ["org_id", "project_id", "kind", "record_id"])
    .execute();
  await db.schema
    .createIndex("source_records_entity")
    .on("source_records")
    .columns(["org_id", "project_id", "entity"])
    .execute();

  await db.schema
    .createTable("source_mappings")
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("project_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("document", "text", (c) => c.notNull())
    .addColumn("saved_at", "bigint", (c) => c.notNull())
    .addColumn("saved_by", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("source_mappings_pk", ["org_id", "project_id", "version"])
    .execute();

  await db.schema
    .createTable("source_secrets")
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("project_id", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("set_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("source_secrets_pk", ["org_id", "project_id", "source"])
    .execute();

  await db.schema
    .createTable("source_imports")
    .addColumn("id", "integer", autoId(db))
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("project_id", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("started_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("finished_at", "bigint")
    .addColumn("phase", "text")
    .addColumn("done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("events", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("cursor", "text")
    .addColumn("message", "text")
    .execute();
  await db.schema
    .createIndex("source_imports_target")
    .on("source_imports")
    .columns(["org_id", "project_id", "source", "target", "id"])
    .execute();

  await db.schema
    .createTable("source_leases")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("until", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "source_leases",
    "source_imports",
    "source_secrets",
    "source_mappings",
    "source_records",
    "source_facts",
    "source_events",
  ])
    await db.schema.dropTable(table).execute();
  if (isPostgres(db)) await sql`DROP FUNCTION source_events_append_only()`.execute(db);
}
