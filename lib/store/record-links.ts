import { sql, type Kysely, type RawBuilder, type SqlBool } from "kysely";
import {
  asInteger,
  indexedBy,
  inJsonTexts,
  joinInOrder,
  insertIgnoring,
  isDistinct,
  isRow,
  jsonColumnTexts,
  jsonRows,
  jsonTexts,
  leastOf,
  rowKey,
} from "./dialect";
import type { DB } from "./schema";

// The links the store keeps (migrations 006 and 009), computed by the store with the rules of
// lib/dora/linking.ts (spec §4.3); a seeded property test keeps the two equal. A pull request's
// links are columns of its own row (link_t0, link_t4, link_t5), written with the row itself when
// the PR is ingested and recomputed when a work item, build or deployment it reaches changes.

export interface Only {
  org: string;
  project: string;
  ids: readonly string[];
}

const inOnly = (db: Kysely<DB>, alias: string, only: Only): RawBuilder<SqlBool> =>
  sql<SqlBool>`${sql.ref(`${alias}.org_id`)} = ${only.org} AND ${sql.ref(`${alias}.project_id`)} = ${only.project} AND ${sql.ref(`${alias}.id`)} IN ${inJsonTexts(db, only.ids)}`;

/**
 * The stored rows of `table` that `only` names, as `alias`: the ids drive the join (CROSS JOIN keeps
 * SQLite's order), so each is one key seek whatever the planner guesses of the table's size.
 */
export const storedRows = (
  db: Kysely<DB>,
  table: "deployments" | "builds" | "pull_requests",
  alias: string,
  only: Only,
) =>
  sql`${jsonTexts(db, only.ids, `${alias}_ids`)} ${joinInOrder(db)} ${sql.table(table)} AS ${sql.ref(alias)}
    ON ${sql.ref(`${alias}.org_id`)} = ${only.org} AND ${sql.ref(`${alias}.project_id`)} = ${only.project}
    AND ${sql.ref(`${alias}.id`)} = ${sql.ref(`${alias}_ids.value`)}`;

const SHIPPED = sql<SqlBool>`d.is_production = 1 AND d.status = 'success'`;

/**
 * To join: the pull requests (as `p`) of the project of `owner` (an alias with org_id and project_id)
 * merged at commit `sha`, found through pull_requests_merge_sha. That index holds the first 8
 * characters of each merge commit alone (migration 014): the seek is by those, then the whole sha
 * and the project are compared. Named for SQLite, whose planner would rather take the project's
 * prefix of another index.
 */
export const prsMergedAt = (db: Kysely<DB>, owner: string, sha: RawBuilder<unknown>): RawBuilder<unknown> =>
  sql`${indexedBy(db, "pull_requests", "pull_requests_merge_sha", "p")}
    ON substr(p.merge_commit_sha, 1, 8) = substr(${sha}, 1, 8) AND p.merge_commit_sha = ${sha}
    AND p.org_id = ${sql.ref(`${owner}.org_id`)} AND p.project_id = ${sql.ref(`${owner}.project_id`)}`;

interface LinkRow {
  org_id: string;
  project_id: string;
  kind: string;
  value: string;
  finished_at: number;
  deployment_id: string;
}

/** The link rows of the stored deployments `only` names: a listed PR id, a listed sha, or, listing neither, the repository. */
const linkRows = (db: Kysely<DB>, only: Only) => sql<LinkRow>`
  SELECT d.org_id, d.project_id, 'pr' AS kind, je.value, d.finished_at, d.id AS deployment_id
  FROM ${storedRows(db, "deployments", "d", only)} CROSS JOIN ${jsonColumnTexts(db, "d.pull_request_ids", "je")} WHERE ${SHIPPED}
  UNION ALL
  SELECT d.org_id, d.project_id, 'sha', je.value, d.finished_at, d.id
  FROM ${storedRows(db, "deployments", "d", only)} CROSS JOIN ${jsonColumnTexts(db, "d.commit_shas", "je")} WHERE ${SHIPPED}
  UNION ALL
  SELECT d.org_id, d.project_id, 'repo', d.repository, d.finished_at, d.id FROM ${storedRows(db, "deployments", "d", only)}
  WHERE ${SHIPPED} AND d.pull_request_ids IS NULL AND d.commit_shas IS NULL AND d.repository IS NOT NULL`;

/** Writes the link rows of the deployments as stored now. */
export async function linkDeployments(db: Kysely<DB>, only: Only): Promise<void> {
  if (only.ids.length === 0) return;
  const [insert, ignoring] = insertIgnoring(db);
  await sql`${insert} deployment_links (org_id, project_id, kind, value, finished_at, deployment_id)
    ${linkRows(db, only)} ${ignoring}`.execute(db);
}

/** Removes the link rows of the deployments as stored now (before they are replaced or deleted). */
export async function unlinkDeployments(db: Kysely<DB>, only: Only): Promise<void> {
  if (only.ids.length === 0) return;
  const { rows } = await linkRows(db, only).execute(db);
  if (rows.length === 0) return;
  const keys = jsonRows(
    db,
    [
      ["kind", "text"],
      ["value", "text"],
      ["finished_at", "bigint"],
      ["deployment_id", "text"],
    ],
    rows.map((r) => [r.kind, r.value, r.finished_at, r.deployment_id]),
  );
  await sql`DELETE FROM deployment_links WHERE org_id = ${only.org} AND project_id = ${only.project}
    AND (kind, value, finished_at, deployment_id) IN ${keys}`.execute(db);
}

/**
 * The PRs the stored deployments `only` names can link (their link rows must be current): the PR
 * ids they list, the PRs at the commits they list, and for one listing neither, the PRs of its
 * repository merged after the previous such deployment finished and up to when it finished
 * (earlier PRs link to that one or an earlier one).
 */
export async function deploymentReach(db: Kysely<DB>, only: Only): Promise<string[]> {
  if (only.ids.length === 0) return [];
  const { rows } = await sql<{ id: string }>`
    SELECT je.value AS id FROM ${storedRows(db, "deployments", "d", only)} CROSS JOIN ${jsonColumnTexts(db, "d.pull_request_ids", "je")}
    WHERE ${SHIPPED}
    UNION
    SELECT p.id FROM ${storedRows(db, "deployments", "d", only)} CROSS JOIN ${jsonColumnTexts(db, "d.commit_shas", "je")}
      ${joinInOrder(db)} ${prsMergedAt(db, "d", sql.ref("je.value"))}
    WHERE ${SHIPPED}
    UNION
    SELECT p.id FROM ${storedRows(db, "deployments", "d", only)}
      ${joinInOrder(db)} pull_requests p ON p.org_id = d.org_id AND p.project_id = d.project_id AND p.repository = d.repository
        AND p.merged_at <= d.finished_at
        AND p.merged_at > coalesce((SELECT max(o.finished_at) FROM deployment_links o
          WHERE o.org_id = d.org_id AND o.project_id = d.project_id AND o.kind = 'repo' AND o.value = d.repository
          AND o.finished_at < d.finished_at), -9000000000000000000)
    WHERE ${SHIPPED} AND d.pull_request_ids IS NULL AND d.commit_shas IS NULL AND d.repository IS NOT NULL`.execute(db);
  return rows.map((r) => r.id);
}

/**
 * After deployments that were all new (none stored before) were written and linked: each PR they
 * reach gets the earliest of its stored link_t5 and theirs. A new deployment only adds candidates to
 * the minimum a PR's t5 is, so nothing else can change, and no PR's whole link is computed again.
 * The PRs reached are those of deploymentReach: listed by id, at a listed sha, or, for a deployment
 * listing neither, of its repository merged after the previous such deployment and by its own.
 */
export async function lowerDeployTimes(db: Kysely<DB>, only: Only): Promise<void> {
  if (only.ids.length === 0) return;
  // One row per PR (a PR reached by several rules would otherwise be updated from any one of them).
  const r = rowKey(db, "p");
  await sql`UPDATE pull_requests SET link_t5 = c.t FROM (SELECT r, min(t) AS t FROM (
      SELECT ${r} AS r, min(d.finished_at) AS t FROM ${storedRows(db, "deployments", "d", only)}
        CROSS JOIN ${jsonColumnTexts(db, "d.pull_request_ids", "je")}
        ${joinInOrder(db)} pull_requests p ON p.org_id = d.org_id AND p.project_id = d.project_id AND p.id = je.value
      WHERE ${SHIPPED} AND p.merged_at IS NOT NULL GROUP BY ${r}
      UNION ALL
      SELECT ${r}, min(d.finished_at) FROM ${storedRows(db, "deployments", "d", only)}
        CROSS JOIN ${jsonColumnTexts(db, "d.commit_shas", "je")}
        ${joinInOrder(db)} ${prsMergedAt(db, "d", sql.ref("je.value"))}
      WHERE ${SHIPPED} AND p.merged_at IS NOT NULL GROUP BY ${r}
      UNION ALL
      SELECT ${r}, min(d.finished_at) FROM ${storedRows(db, "deployments", "d", only)}
        ${joinInOrder(db)} pull_requests p ON p.org_id = d.org_id AND p.project_id = d.project_id AND p.repository = d.repository
          AND p.merged_at <= d.finished_at
          AND p.merged_at > coalesce((SELECT max(o.finished_at) FROM deployment_links o
            WHERE o.org_id = d.org_id AND o.project_id = d.project_id AND o.kind = 'repo' AND o.value = d.repository
            AND o.finished_at < d.finished_at), -9000000000000000000)
      WHERE ${SHIPPED} AND d.pull_request_ids IS NULL AND d.commit_shas IS NULL AND d.repository IS NOT NULL
      GROUP BY ${r}) AS reached GROUP BY r) c
    WHERE ${isRow(db, "pull_requests", sql.ref("c.r"), only.org, only.project)}
    AND (pull_requests.link_t5 IS NULL OR pull_requests.link_t5 > c.t)`.execute(db);
}

// Far above any epoch millisecond: SQLite's scalar min() is null when any argument is.
const NONE = sql.lit(9e18);

/** The earliest linked deployment's finishedAt for a kind of link of PR `p`, from `from` on when given. */
const earliest = (kind: "pr" | "sha" | "repo", value: string, from?: string) =>
  sql<number | null>`(SELECT min(l.finished_at) FROM deployment_links l
    WHERE l.org_id = p.org_id AND l.project_id = p.project_id AND l.kind = ${kind}
    AND l.value = ${sql.ref(value)}${from ? sql` AND l.finished_at >= ${sql.ref(from)}` : sql``})`;

export type PrLink = "link_t0" | "link_t4" | "link_t5";
export const PR_LINKS: readonly PrLink[] = ["link_t0", "link_t4", "link_t5"];

/** Each link of PR `p` (a row with the columns of pull_requests) as the rules compute it from the stored records. */
export const linkOf = (db: Kysely<DB>): Readonly<Record<PrLink, RawBuilder<number | null>>> => ({
  link_t0: sql`(SELECT w.created_at FROM work_items w
    WHERE w.org_id = p.org_id AND w.project_id = p.project_id AND w.id = p.work_item_id)`,
  link_t4: sql`(SELECT min(b.finished_at) FROM builds b
    WHERE b.org_id = p.org_id AND b.project_id = p.project_id AND b.repository = p.repository
    AND b.commit_sha = p.merge_commit_sha AND b.status = 'success')`,
  link_t5: sql`CASE WHEN p.merged_at IS NULL THEN NULL ELSE nullif(${leastOf(db, [
    sql`coalesce(${earliest("pr", "p.id")}, ${NONE})`,
    sql`coalesce(${earliest("sha", "p.merge_commit_sha")}, ${NONE})`,
    sql`coalesce(${earliest("repo", "p.repository", "p.merged_at")}, ${NONE})`,
  ])}, ${NONE}) END`,
});

/** Recomputes the links of the stored PRs `only` names; only rows whose links changed are written. */
export async function relinkPullRequests(db: Kysely<DB>, only: Only, links: readonly PrLink[]): Promise<void> {
  if (links.length === 0 || only.ids.length === 0) return;
  const link = linkOf(db);
  const { rows } = await sql<Record<string, number | string | null>>`SELECT ${rowKey(db, "p")} AS r,
    ${sql.join(links.map((c, i) => sql`${sql.ref(`p.${c}`)} AS ${sql.ref(`old${i}`)}, ${link[c]} AS ${sql.ref(`new${i}`)}`))}
    FROM ${storedRows(db, "pull_requests", "p", only)}`.execute(db);
  const changed = rows.filter((row) => links.some((_, i) => row[`old${i}`] !== row[`new${i}`]));
  if (changed.length === 0) return;
  // By rowid, read just above in the same transaction: a seek per row, where SQLite's planner would
  // rather scan the project's PRs for an UPDATE … FROM joined by (org, project, id).
  const values = jsonRows(
    db,
    [["r", typeof changed[0]!.r === "string" ? "text" : "bigint"], ...links.map((c) => [c, "bigint"] as const)],
    changed.map((row) => [row.r, ...links.map((_, i) => row[`new${i}`])]),
  );
  await sql`UPDATE pull_requests SET ${sql.join(links.map((c) => sql`${sql.ref(c)} = ${sql.ref(`f.${c}`)}`))}
    FROM ${values} f
    WHERE ${isRow(db, "pull_requests", sql.ref("f.r"), only.org, only.project)}`.execute(db);
}

const HAS_PR = sql<number>`(EXISTS (SELECT 1 FROM pull_requests p
  WHERE p.org_id = work_items.org_id AND p.project_id = work_items.project_id AND p.work_item_id = work_items.id))`;

/**
 * After pull requests that were all new (none stored before) were written: the work items they name
 * (`only`) have a PR now. A new PR can only add one, so nothing needs computing; only rows that
 * change are written.
 */
export async function markWorkItemsLinked(db: Kysely<DB>, only: Only): Promise<void> {
  if (only.ids.length === 0) return;
  await sql`UPDATE work_items SET has_pr = 1 WHERE has_pr = 0 AND ${inOnly(db, "work_items", only)}`.execute(db);
}

/** Recomputes has_pr of the work items `only` names; only changed rows are written. */
export async function relinkWorkItems(db: Kysely<DB>, only: Only): Promise<void> {
  if (only.ids.length === 0) return;
  const hasPr = asInteger(db, HAS_PR);
  await sql`UPDATE work_items SET has_pr = ${hasPr} WHERE ${isDistinct(db, sql.ref("has_pr"), hasPr)} AND ${inOnly(db, "work_items", only)}`.execute(
    db,
  );
}
