import type { CreateTableBuilder, Kysely } from "kysely";

// The engine's records (spec §2). Every table is keyed by (org_id, project_id, id) so projects never
// meet. Instants are epoch milliseconds in `bigint` columns. A deployment's pullRequestIds and
// commitShas are JSON text (null when empty): one row per deployment keeps ingestion and the
// loader to a single statement each, and linking happens in memory after loading.

type Builder = CreateTableBuilder<string, string>;

const scoped = (db: Kysely<any>, table: string): Builder =>
  db.schema
    .createTable(table)
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("project_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull());

const keyed = (table: string, b: Builder): Builder =>
  b.addPrimaryKeyConstraint(`${table}_pk`, ["org_id", "project_id", "id"]);

async function index(db: Kysely<any>, table: string, name: string, columns: string[], unique = false) {
  let builder = db.schema.createIndex(`${table}_${name}`).on(table).columns(columns);
  if (unique) builder = builder.unique();
  await builder.execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await keyed(
    "teams",
    scoped(db, "teams")
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("org_tree", "text", (c) => c.notNull())
      .addColumn("ref_id", "integer", (c) => c.notNull())
      .addColumn("parent_id", "text"),
  ).execute();
  await index(db, "teams", "ref_id", ["org_id", "project_id", "ref_id"], true);
  await index(db, "teams", "org_tree", ["org_id", "project_id", "org_tree"]);
  await index(db, "teams", "parent", ["org_id", "project_id", "parent_id"]);

  await keyed(
    "work_items",
    scoped(db, "work_items")
      .addColumn("team_id", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("key", "text")
      .addColumn("started_at", "bigint")
      .addColumn("resolved_at", "bigint"),
  ).execute();
  await index(db, "work_items", "team", ["org_id", "project_id", "team_id", "resolved_at"]);

  await keyed(
    "pull_requests",
    scoped(db, "pull_requests")
      .addColumn("team_id", "text", (c) => c.notNull())
      .addColumn("repository", "text", (c) => c.notNull())
      .addColumn("first_commit_at", "bigint", (c) => c.notNull())
      .addColumn("opened_at", "bigint", (c) => c.notNull())
      .addColumn("merged_at", "bigint")
      .addColumn("merge_commit_sha", "text")
      .addColumn("work_item_id", "text"),
  ).execute();
  await index(db, "pull_requests", "team", ["org_id", "project_id", "team_id"]);
  // Finds other teams' PRs that name a team's work items (PR_ASSOCIATIONS when loading by team).
  await index(db, "pull_requests", "work_item", ["org_id", "project_id", "work_item_id"]);

  await keyed(
    "builds",
    scoped(db, "builds")
      .addColumn("repository", "text", (c) => c.notNull())
      .addColumn("commit_sha", "text", (c) => c.notNull())
      .addColumn("finished_at", "bigint", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("started_at", "bigint"),
  ).execute();
  await index(db, "builds", "repository", ["org_id", "project_id", "repository", "commit_sha"]);

  await keyed(
    "deployments",
    scoped(db, "deployments")
      .addColumn("team_id", "text", (c) => c.notNull())
      .addColumn("environment", "text", (c) => c.notNull())
      .addColumn("is_production", "integer", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("finished_at", "bigint", (c) => c.notNull())
      .addColumn("service", "text")
      .addColumn("repository", "text")
      .addColumn("started_at", "bigint")
      .addColumn("pull_request_ids", "text")
      .addColumn("commit_shas", "text"),
  ).execute();
  await index(db, "deployments", "team", ["org_id", "project_id", "team_id", "finished_at"]);
  await index(db, "deployments", "production", ["org_id", "project_id", "is_production", "status", "finished_at"]);

  await keyed(
    "incidents",
    scoped(db, "incidents")
      .addColumn("team_id", "text", (c) => c.notNull())
      .addColumn("opened_at", "bigint", (c) => c.notNull())
      .addColumn("resolved_at", "bigint")
      .addColumn("service", "text")
      .addColumn("deployment_id", "text"),
  ).execute();
  await index(db, "incidents", "team", ["org_id", "project_id", "team_id", "opened_at"]);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["incidents", "deployments", "builds", "pull_requests", "work_items", "teams"]) {
    await db.schema.dropTable(table).execute();
  }
}
