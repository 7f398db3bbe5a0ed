import { sql, type Expression, type Kysely, type SqlBool } from "kysely";
import type { DB } from "./schema";

// The link columns of migration 006, computed by the store (the rules of lib/dora/linking.ts,
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

/** The earliest linked deployment's finishedAt for a kind of link, from `from` on when given. */
const earliest = (kind: "pr" | "sha" | "repo", value: Expression<unknown>, from?: Expression<unknown>) =>
  sql<number | null>`(SELECT min(l.finished_at) FROM deployment_links l
    WHERE l.org_id = pull_requests.org_id AND l.project_id = pull_requests.project_id AND l.kind = ${kind}
    AND l.value = ${value}${from ? sql` AND l.finished_at >= ${from}` : sql``})`;

export type PrLink = "link_t0" | "link_t4" | "link_t5";
export const PR_LINKS: readonly PrLink[] = ["link_t0", "link_t4", "link_t5"];

/** Recomputes the link columns of the PRs (every PR without `only`): all three, or those a change can alter. */
export async function relinkPullRequests(
  db: Kysely<DB>,
  only: Only | null,
  columns: readonly PrLink[] = PR_LINKS,
): Promise<void> {
  let query = db.updateTable("pull_requests").set((eb) =>
    pick(columns, {
      link_t0: eb
        .selectFrom("work_items as w")
        .select("w.created_at")
        .whereRef("w.org_id", "=", "pull_requests.org_id")
        .whereRef("w.project_id", "=", "pull_requests.project_id")
        .whereRef("w.id", "=", "pull_requests.work_item_id"),
      link_t4: eb
        .selectFrom("builds as b")
        .select((b) => b.fn.min<number>("b.finished_at").as("t"))
        .whereRef("b.org_id", "=", "pull_requests.org_id")
        .whereRef("b.project_id", "=", "pull_requests.project_id")
        .whereRef("b.repository", "=", "pull_requests.repository")
        .whereRef("b.commit_sha", "=", "pull_requests.merge_commit_sha")
        .where("b.status", "=", "success"),
      link_t5: sql<number | null>`CASE WHEN pull_requests.merged_at IS NULL THEN NULL ELSE nullif(min(
      coalesce(${earliest("pr", sql.ref("pull_requests.id"))}, ${NONE}),
      coalesce(${earliest("sha", sql.ref("pull_requests.merge_commit_sha"))}, ${NONE}),
      coalesce(${earliest("repo", sql.ref("pull_requests.repository"), sql.ref("pull_requests.merged_at"))}, ${NONE})
    ), ${NONE}) END`,
    }),
  );
  if (only)
    query = query.where("org_id", "=", only.org).where("project_id", "=", only.project).where("id", "in", only.ids);
  await query.execute();
}

function pick<K extends string, V>(keys: readonly K[], all: Record<K, V>): Partial<Record<K, V>> {
  return Object.fromEntries(keys.map((k) => [k, all[k]])) as Partial<Record<K, V>>;
}

/** Recomputes has_pr of the work items (every work item without `only`). */
export async function relinkWorkItems(db: Kysely<DB>, only: Only | null): Promise<void> {
  let query = db.updateTable("work_items").set((eb) => ({
    has_pr: eb
      .case()
      .when(
        eb.exists(
          eb
            .selectFrom("pull_requests as p")
            .select(sql.lit(1).as("one"))
            .whereRef("p.org_id", "=", "work_items.org_id")
            .whereRef("p.project_id", "=", "work_items.project_id")
            .whereRef("p.work_item_id", "=", "work_items.id"),
        ),
      )
      .then(1)
      .else(0)
      .end(),
  }));
  if (only)
    query = query.where("org_id", "=", only.org).where("project_id", "=", only.project).where("id", "in", only.ids);
  await query.execute();
}
