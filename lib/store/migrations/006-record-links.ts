import { sql, type Kysely } from "kysely";
import { relinkAll } from "../record-links";
import type { DB } from "../schema";

// Links kept current by ingestion (lib/engine/ingest/links.ts), so the first export after a change
// reads numbers instead of joining a million pull requests to their work items, builds and
// deployments (spec §4.3, §4.5):
// - pr_links, one narrow row per pull request (by its rowid; removed with it by a trigger):
//   t0, the createdAt of the work item it names; t4, the finishedAt of the earliest successful
//   build of its repository at its merge commit (before the monotone rule); t5, the finishedAt of
//   its deployment, null when unmerged or undeployed. Narrow rows keep relinking cheap: a batch of
//   deployments rewrites thousands of them;
// - work_items.has_pr: 1 when a pull request of any team names it;
// - deployment_links: what each successful production deployment links by: a PR id (`pr`), a
//   commit sha (`sha`), or, listing neither, its repository (`repo`), with its finishedAt.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("pr_links")
    .addColumn("pr_rowid", "integer", (c) => c.primaryKey())
    .addColumn("t0", "bigint")
    .addColumn("t4", "bigint")
    .addColumn("t5", "bigint")
    .execute();
  await sql`CREATE TRIGGER pull_requests_links_delete AFTER DELETE ON pull_requests BEGIN
    DELETE FROM pr_links WHERE pr_rowid = OLD.rowid; END`.execute(db);
  await db.schema
    .alterTable("work_items")
    .addColumn("has_pr", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable("deployment_links")
    .addColumn("org_id", "text", (c) => c.notNull())
    .addColumn("project_id", "text", (c) => c.notNull())
    .addColumn("deployment_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("finished_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("deployment_links_pk", ["org_id", "project_id", "deployment_id", "kind", "value"])
    .execute();
  // The earliest deployment of a PR id, a sha, or a repository from an instant on: one index seek.
  await db.schema
    .createIndex("deployment_links_value")
    .on("deployment_links")
    .columns(["org_id", "project_id", "kind", "value", "finished_at"])
    .execute();
  // PRs a build or a listed commit reaches, and the PRs of a repository merged in a time span.
  await db.schema
    .createIndex("pull_requests_merge_commit")
    .on("pull_requests")
    .columns(["org_id", "project_id", "merge_commit_sha"])
    .execute();
  await db.schema
    .createIndex("pull_requests_repository_merged")
    .on("pull_requests")
    .columns(["org_id", "project_id", "repository", "merged_at"])
    .execute();
  // A store that already holds records gets its links computed once, here.
  await relinkAll(db as Kysely<DB>);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("pull_requests_repository_merged").execute();
  await db.schema.dropIndex("pull_requests_merge_commit").execute();
  await db.schema.dropTable("deployment_links").execute();
  await db.schema.alterTable("work_items").dropColumn("has_pr").execute();
  await sql`DROP TRIGGER IF EXISTS pull_requests_links_delete`.execute(db);
  await db.schema.dropTable("pr_links").execute();
}
