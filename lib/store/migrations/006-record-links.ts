import type { Kysely } from "kysely";
import { linkDeployments, relinkPullRequests, relinkWorkItems } from "../record-links";
import type { DB } from "../schema";

// Links kept current by ingestion (lib/engine/ingest/links.ts), so the first export after a change
// reads numbers instead of joining a million pull requests to their work items, builds and
// deployments (spec §4.3, §4.5):
// - pull_requests.link_t0: the createdAt of the work item it names (t0);
// - pull_requests.link_t4: the finishedAt of the earliest successful build of its repository at its
//   merge commit (t4, before the monotone rule);
// - pull_requests.link_t5: the finishedAt of its deployment (t5), null when unmerged or undeployed;
// - work_items.has_pr: 1 when a pull request of any team names it;
// - deployment_links: what each successful production deployment links by: a PR id (`pr`), a
//   commit sha (`sha`), or, listing neither, its repository (`repo`), with its finishedAt.

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ["link_t0", "link_t4", "link_t5"]) {
    await db.schema.alterTable("pull_requests").addColumn(column, "bigint").execute();
  }
  await db.schema.alterTable("work_items").addColumn("has_pr", "integer", (c) => c.notNull().defaultTo(0)).execute();
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
  await db.schema.createIndex("pull_requests_merge_commit").on("pull_requests").columns(["org_id", "project_id", "merge_commit_sha"]).execute();
  await db.schema
    .createIndex("pull_requests_repository_merged")
    .on("pull_requests")
    .columns(["org_id", "project_id", "repository", "merged_at"])
    .execute();
  // A store that already holds records gets its links computed once, here.
  const typed = db as Kysely<DB>;
  await linkDeployments(typed, null);
  await relinkPullRequests(typed, null);
  await relinkWorkItems(typed, null);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("pull_requests_repository_merged").execute();
  await db.schema.dropIndex("pull_requests_merge_commit").execute();
  await db.schema.dropTable("deployment_links").execute();
  await db.schema.alterTable("work_items").dropColumn("has_pr").execute();
  for (const column of ["link_t0", "link_t4", "link_t5"]) await db.schema.alterTable("pull_requests").dropColumn(column).execute();
}
