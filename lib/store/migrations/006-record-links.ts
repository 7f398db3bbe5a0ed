import { sql, type Kysely } from "kysely";
import { isPostgres } from "../dialect";

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
  // PostgreSQL: a store made with these migrations (never one at 006), whose pr_links 009 drops.
  if (!isPostgres(db))
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
  // A store that already holds records gets its links computed once, here, by the rules of
  // lib/dora/linking.ts as the store computed them when this migration shipped.
  // A PostgreSQL store is made by all the migrations at once, so it holds no records yet.
  if (!isPostgres(db)) for (const statement of LINK_EVERYTHING) await sql.raw(statement).execute(db);
}

// Far above any epoch millisecond: SQLite's scalar min() is null when any argument is.
const NONE = "9e18";
const SHIPPED = "d.is_production = 1 AND d.status = 'success'";
const earliest = (kind: string, value: string, from = "") =>
  `(SELECT min(l.finished_at) FROM deployment_links l WHERE l.org_id = p.org_id AND l.project_id = p.project_id ` +
  `AND l.kind = '${kind}' AND l.value = ${value}${from ? ` AND l.finished_at >= ${from}` : ""})`;

const LINK_EVERYTHING = [
  `INSERT OR IGNORE INTO deployment_links (org_id, project_id, deployment_id, kind, value, finished_at)
    SELECT d.org_id, d.project_id, d.id, 'pr', je.value, d.finished_at FROM deployments d, json_each(d.pull_request_ids) je
    WHERE ${SHIPPED}
    UNION ALL
    SELECT d.org_id, d.project_id, d.id, 'sha', je.value, d.finished_at FROM deployments d, json_each(d.commit_shas) je
    WHERE ${SHIPPED}
    UNION ALL
    SELECT d.org_id, d.project_id, d.id, 'repo', d.repository, d.finished_at FROM deployments d
    WHERE ${SHIPPED} AND d.pull_request_ids IS NULL AND d.commit_shas IS NULL AND d.repository IS NOT NULL`,
  `INSERT INTO pr_links (pr_rowid, t0, t4, t5)
    SELECT p.rowid,
      (SELECT w.created_at FROM work_items w
        WHERE w.org_id = p.org_id AND w.project_id = p.project_id AND w.id = p.work_item_id),
      (SELECT min(b.finished_at) FROM builds b
        WHERE b.org_id = p.org_id AND b.project_id = p.project_id AND b.repository = p.repository
        AND b.commit_sha = p.merge_commit_sha AND b.status = 'success'),
      CASE WHEN p.merged_at IS NULL THEN NULL ELSE nullif(min(
        coalesce(${earliest("pr", "p.id")}, ${NONE}),
        coalesce(${earliest("sha", "p.merge_commit_sha")}, ${NONE}),
        coalesce(${earliest("repo", "p.repository", "p.merged_at")}, ${NONE})), ${NONE}) END
    FROM pull_requests p`,
  `UPDATE work_items SET has_pr = 1 WHERE EXISTS (SELECT 1 FROM pull_requests p
    WHERE p.org_id = work_items.org_id AND p.project_id = work_items.project_id AND p.work_item_id = work_items.id)`,
  `DELETE FROM figure_record_versions`,
];

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("pull_requests_repository_merged").execute();
  await db.schema.dropIndex("pull_requests_merge_commit").execute();
  await db.schema.dropTable("deployment_links").execute();
  await db.schema.alterTable("work_items").dropColumn("has_pr").execute();
  if (!isPostgres(db)) await sql`DROP TRIGGER IF EXISTS pull_requests_links_delete`.execute(db);
  await db.schema.dropTable("pr_links").execute();
}
