import { sql, type Kysely } from "kysely";
import { isPostgres } from "../dialect";

// The links of migration 006, keyed by the records' own keys instead of the implicit rowid (which
// a VACUUM renumbers):
// - a pull request's links are columns of its own row: link_t0 (its work item's createdAt),
//   link_t4 (its earliest successful build at its merge commit) and link_t5 (its deployment's
//   finishedAt, null when unmerged or undeployed), so a PR batch writes each row once, links and all;
// - deployment_links becomes one narrow B-tree (WITHOUT ROWID) keyed by what a deployment links by
//   and when it finished, then its id: the earliest deployment of a PR id, a sha, or a repository
//   from an instant on is one seek, and a deployment's rows are found from its own record.
// The links are computed afresh here, by the rules of lib/dora/linking.ts as the store computed them
// when this migration shipped.

// Far above any epoch millisecond: SQLite's scalar min() is null when any argument is.
const NONE = "9e18";
const earliest = (kind: string, value: string, from = "") =>
  `(SELECT min(l.finished_at) FROM deployment_links l WHERE l.org_id = p.org_id AND l.project_id = p.project_id ` +
  `AND l.kind = '${kind}' AND l.value = ${value}${from ? ` AND l.finished_at >= ${from}` : ""})`;

const STATEMENTS = [
  `ALTER TABLE deployment_links RENAME TO deployment_links_006`,
  `CREATE TABLE deployment_links (
    org_id text NOT NULL, project_id text NOT NULL, kind text NOT NULL, value text NOT NULL,
    finished_at bigint NOT NULL, deployment_id text NOT NULL,
    PRIMARY KEY (org_id, project_id, kind, value, finished_at, deployment_id)) WITHOUT ROWID`,
  `INSERT OR IGNORE INTO deployment_links (org_id, project_id, kind, value, finished_at, deployment_id)
    SELECT org_id, project_id, kind, value, finished_at, deployment_id FROM deployment_links_006`,
  `DROP TABLE deployment_links_006`,
  `ALTER TABLE pull_requests ADD COLUMN link_t0 bigint`,
  `ALTER TABLE pull_requests ADD COLUMN link_t4 bigint`,
  `ALTER TABLE pull_requests ADD COLUMN link_t5 bigint`,
  `UPDATE pull_requests AS p SET
    link_t0 = (SELECT w.created_at FROM work_items w
      WHERE w.org_id = p.org_id AND w.project_id = p.project_id AND w.id = p.work_item_id),
    link_t4 = (SELECT min(b.finished_at) FROM builds b
      WHERE b.org_id = p.org_id AND b.project_id = p.project_id AND b.repository = p.repository
      AND b.commit_sha = p.merge_commit_sha AND b.status = 'success'),
    link_t5 = CASE WHEN p.merged_at IS NULL THEN NULL ELSE nullif(min(
      coalesce(${earliest("pr", "p.id")}, ${NONE}),
      coalesce(${earliest("sha", "p.merge_commit_sha")}, ${NONE}),
      coalesce(${earliest("repo", "p.repository", "p.merged_at")}, ${NONE})), ${NONE}) END`,
  `UPDATE work_items SET has_pr = EXISTS (SELECT 1 FROM pull_requests p
    WHERE p.org_id = work_items.org_id AND p.project_id = work_items.project_id AND p.work_item_id = work_items.id)`,
  `DROP TRIGGER IF EXISTS pull_requests_links_delete`,
  `DROP TABLE pr_links`,
  `DELETE FROM figure_record_versions`,
];

// PostgreSQL: the same schema from a store that holds no records yet (all migrations run at once),
// so no link is computed; deployment_links is a table keyed the same way (no WITHOUT ROWID there).
const POSTGRES = [
  `DROP TABLE deployment_links`,
  `CREATE TABLE deployment_links (
    org_id text NOT NULL, project_id text NOT NULL, kind text NOT NULL, value text NOT NULL,
    finished_at bigint NOT NULL, deployment_id text NOT NULL,
    PRIMARY KEY (org_id, project_id, kind, value, finished_at, deployment_id))`,
  `ALTER TABLE pull_requests ADD COLUMN link_t0 bigint`,
  `ALTER TABLE pull_requests ADD COLUMN link_t4 bigint`,
  `ALTER TABLE pull_requests ADD COLUMN link_t5 bigint`,
  `DROP TABLE pr_links`,
  `DELETE FROM figure_record_versions`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of isPostgres(db) ? POSTGRES : STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`CREATE TABLE pr_links (pr_rowid integer PRIMARY KEY, t0 bigint, t4 bigint, t5 bigint)`).execute(db);
  await sql.raw(`INSERT INTO pr_links SELECT rowid, link_t0, link_t4, link_t5 FROM pull_requests`).execute(db);
  await sql
    .raw(
      `CREATE TRIGGER pull_requests_links_delete AFTER DELETE ON pull_requests BEGIN
    DELETE FROM pr_links WHERE pr_rowid = OLD.rowid; END`,
    )
    .execute(db);
  for (const column of ["link_t0", "link_t4", "link_t5"])
    await sql.raw(`ALTER TABLE pull_requests DROP COLUMN ${column}`).execute(db);
  await sql.raw(`ALTER TABLE deployment_links RENAME TO deployment_links_009`).execute(db);
  await sql
    .raw(
      `CREATE TABLE deployment_links (org_id text NOT NULL, project_id text NOT NULL,
    deployment_id text NOT NULL, kind text NOT NULL, value text NOT NULL, finished_at bigint NOT NULL,
    CONSTRAINT deployment_links_pk PRIMARY KEY (org_id, project_id, deployment_id, kind, value))`,
    )
    .execute(db);
  await sql
    .raw(`CREATE INDEX deployment_links_value ON deployment_links (org_id, project_id, kind, value, finished_at)`)
    .execute(db);
  await sql
    .raw(
      `INSERT OR IGNORE INTO deployment_links SELECT org_id, project_id, deployment_id, kind, value, finished_at
    FROM deployment_links_009`,
    )
    .execute(db);
  await sql.raw(`DROP TABLE deployment_links_009`).execute(db);
  await sql.raw(`DELETE FROM figure_record_versions`).execute(db);
}
