import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from "kysely";
import type { DB } from "./schema";

// The links of migration 006, computed by the store (the rules of lib/dora/linking.ts,
// spec §4.3; a test keeps the two equal): ingestion recomputes them for the records a change can
// reach, the migration for every record. `only` limits a statement to one project's listed ids;
// without it, every row is recomputed.

export interface Only {
  org: string;
  project: string;
  ids: readonly string[];
}

// Far above any epoch millisecond: SQLite's scalar min() is null when any argument is.
const NONE = sql.lit(9e18);

const shipped = (d: string) =>
  sql<SqlBool>`${sql.ref(`${d}.is_production`)} = 1 AND ${sql.ref(`${d}.status`)} = 'success'`;

/** Rewrites the link rows of the deployments (every deployment without `only`). */
export async function linkDeployments(db: Kysely<DB>, only: Only | null): Promise<void> {
  const filter = (d: string): Expression<SqlBool> =>
    only
      ? sql<SqlBool>`${sql.ref(`${d}.org_id`)} = ${only.org} AND ${sql.ref(`${d}.project_id`)} = ${only.project} AND ${sql.ref(`${d}.id`)} IN (${sql.join(only.ids)})`
      : sql<SqlBool>`1 = 1`;
  if (only) {
    await db
      .deleteFrom("deployment_links")
      .where("org_id", "=", only.org)
      .where("project_id", "=", only.project)
      .where("deployment_id", "in", only.ids)
      .execute();
  }
  await sql`INSERT OR IGNORE INTO deployment_links (org_id, project_id, deployment_id, kind, value, finished_at)
    SELECT d.org_id, d.project_id, d.id, 'pr', je.value, d.finished_at FROM deployments d, json_each(d.pull_request_ids) je
    WHERE ${shipped("d")} AND ${filter("d")}
    UNION ALL
    SELECT d.org_id, d.project_id, d.id, 'sha', je.value, d.finished_at FROM deployments d, json_each(d.commit_shas) je
    WHERE ${shipped("d")} AND ${filter("d")}
    UNION ALL
    SELECT d.org_id, d.project_id, d.id, 'repo', d.repository, d.finished_at FROM deployments d
    WHERE ${shipped("d")} AND d.pull_request_ids IS NULL AND d.commit_shas IS NULL AND d.repository IS NOT NULL AND ${filter("d")}`.execute(
    db,
  );
}

/** The earliest linked deployment's finishedAt for a kind of link of PR `p`, from `from` on when given. */
const earliest = (kind: "pr" | "sha" | "repo", value: string, from?: string) =>
  sql<number | null>`(SELECT min(l.finished_at) FROM deployment_links l
    WHERE l.org_id = p.org_id AND l.project_id = p.project_id AND l.kind = ${kind}
    AND l.value = ${sql.ref(value)}${from ? sql` AND l.finished_at >= ${sql.ref(from)}` : sql``})`;

export type PrLink = "t0" | "t4" | "t5";
export const PR_LINKS: readonly PrLink[] = ["t0", "t4", "t5"];

/** Each link of PR `p` as the rules compute it from the stored records. */
const LINK_OF: Record<PrLink, RawBuilder<number | null>> = {
  t0: sql`(SELECT w.created_at FROM work_items w
    WHERE w.org_id = p.org_id AND w.project_id = p.project_id AND w.id = p.work_item_id)`,
  t4: sql`(SELECT min(b.finished_at) FROM builds b
    WHERE b.org_id = p.org_id AND b.project_id = p.project_id AND b.repository = p.repository
    AND b.commit_sha = p.merge_commit_sha AND b.status = 'success')`,
  t5: sql`CASE WHEN p.merged_at IS NULL THEN NULL ELSE nullif(min(
    coalesce(${earliest("pr", "p.id")}, ${NONE}),
    coalesce(${earliest("sha", "p.merge_commit_sha")}, ${NONE}),
    coalesce(${earliest("repo", "p.repository", "p.merged_at")}, ${NONE})), ${NONE}) END`,
};

/** The PRs with their rowid and the links asked for, as the rules compute them now. */
function freshLinks(db: Kysely<DB>, only: Only | null, links: readonly PrLink[]) {
  const query = db
    .selectFrom("pull_requests as p")
    .select([sql<number>`p.rowid`.as("pr_rowid"), ...links.map((c) => LINK_OF[c].as(c))]);
  // An INSERT … SELECT with an upsert clause needs a WHERE in its SELECT (SQLite's parser).
  return only
    ? query.where("p.org_id", "=", only.org).where("p.project_id", "=", only.project).where("p.id", "in", only.ids)
    : query.where(sql<SqlBool>`1 = 1`);
}

/**
 * Recomputes links of the PRs (every PR without `only`) into pr_links; only rows whose links
 * changed are written. With every link, a PR without a row gets one; with some (what a change to
 * work items, builds or deployments can alter), only existing rows are updated: every PR has had
 * its row since its own ingestion.
 */
export async function relinkPullRequests(
  db: Kysely<DB>,
  only: Only | null,
  links: readonly PrLink[] = PR_LINKS,
): Promise<void> {
  if (links.length === 0) return;
  if (links.length < PR_LINKS.length) {
    await db
      .updateTable("pr_links")
      .from(freshLinks(db, only, links).as("fresh"))
      .set((eb) => Object.fromEntries(links.map((c) => [c, eb.ref(`fresh.${c}`)])))
      .whereRef("pr_links.pr_rowid", "=", "fresh.pr_rowid")
      .where((eb) => eb.or(links.map((c) => eb(`pr_links.${c}`, "is not", eb.ref(`fresh.${c}`)))))
      .execute();
    return;
  }
  await db
    .insertInto("pr_links")
    .columns(["pr_rowid", ...PR_LINKS])
    .expression(freshLinks(db, only, PR_LINKS))
    .onConflict((oc) =>
      oc
        .column("pr_rowid")
        .doUpdateSet((eb) => Object.fromEntries(PR_LINKS.map((c) => [c, eb.ref(`excluded.${c}`)])))
        .where((eb) => eb.or(PR_LINKS.map((c) => eb(`pr_links.${c}`, "is not", eb.ref(`excluded.${c}`))))),
    )
    .execute();
}

const HAS_PR = sql<number>`(EXISTS (SELECT 1 FROM pull_requests p
  WHERE p.org_id = work_items.org_id AND p.project_id = work_items.project_id AND p.work_item_id = work_items.id))`;

/** Recomputes has_pr of the work items (every work item without `only`); only changed rows are written. */
export async function relinkWorkItems(db: Kysely<DB>, only: Only | null): Promise<void> {
  let query = db.updateTable("work_items").set({ has_pr: HAS_PR }).where("has_pr", "is not", HAS_PR);
  if (only)
    query = query.where("org_id", "=", only.org).where("project_id", "=", only.project).where("id", "in", only.ids);
  await query.execute();
}

/**
 * Recomputes every link of the store from scratch, and marks every project's figure records stale.
 * Run by migration 006, and by `npm run relink` after anything that renumbers row ids (a VACUUM
 * renumbers those of pull_requests, which pr_links is keyed by).
 */
export async function relinkAll(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("deployment_links").execute();
    await trx.deleteFrom("pr_links").execute();
    await linkDeployments(trx, null);
    await relinkPullRequests(trx, null);
    await relinkWorkItems(trx, null);
    await trx.deleteFrom("figure_record_versions").execute();
  });
}
