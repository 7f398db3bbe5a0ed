import "server-only";
import { sql } from "kysely";
import type { Store } from "@/lib/store/db";
import { linkDeployments, PR_LINKS, relinkPullRequests, relinkWorkItems, type PrLink } from "@/lib/store/record-links";
import type { RecordTable } from "./kinds";
import type { Scope } from "./rows";
import { chunks } from "./write";

// Keeps the links of migration 006 (pr_links, has_pr, deployment_links) current inside an ingestion
// transaction. A change can only alter the links of the PRs and work items its records reach, in
// the state before the change (what the old records linked) or after it (what the new ones link):
// both are collected and only those are recomputed.

const CHUNK = 5_000;

/** The links of a PR a change to each table can alter. */
const ALTERS: Record<RecordTable, readonly PrLink[]> = {
  teams: [],
  incidents: [],
  pull_requests: PR_LINKS,
  work_items: ["t0"],
  builds: ["t4"],
  deployments: ["t5"],
};

/** PR and work item ids whose links must be recomputed. */
export interface Reach {
  prs: Set<string>;
  workItems: Set<string>;
}

export const emptyReach = (): Reach => ({ prs: new Set(), workItems: new Set() });

const add = (into: Set<string>, values: readonly (string | null)[]) => {
  for (const v of values) if (v !== null) into.add(v);
};

/** Adds to `into` what the records `ids` of `table` reach in the store's current state. */
export async function collectReach(
  db: Store,
  s: Scope,
  table: RecordTable,
  ids: readonly string[],
  into: Reach,
): Promise<void> {
  for (const part of chunks([...ids], CHUNK)) {
    switch (table) {
      case "pull_requests": {
        add(into.prs, part);
        const rows = await db
          .selectFrom("pull_requests")
          .select("work_item_id")
          .where("org_id", "=", s.org)
          .where("project_id", "=", s.project)
          .where("id", "in", part)
          .execute();
        add(
          into.workItems,
          rows.map((r) => r.work_item_id),
        );
        break;
      }
      case "work_items": {
        add(into.workItems, part);
        const rows = await db
          .selectFrom("pull_requests")
          .select("id")
          .where("org_id", "=", s.org)
          .where("project_id", "=", s.project)
          .where("work_item_id", "in", part)
          .execute();
        add(
          into.prs,
          rows.map((r) => r.id),
        );
        break;
      }
      case "builds": {
        const rows = await db
          .selectFrom("builds as b")
          .innerJoin("pull_requests as p", (join) =>
            join
              .onRef("p.org_id", "=", "b.org_id")
              .onRef("p.project_id", "=", "b.project_id")
              .onRef("p.merge_commit_sha", "=", "b.commit_sha")
              .onRef("p.repository", "=", "b.repository"),
          )
          .select("p.id")
          .where("b.org_id", "=", s.org)
          .where("b.project_id", "=", s.project)
          .where("b.id", "in", part)
          .execute();
        add(
          into.prs,
          rows.map((r) => r.id),
        );
        break;
      }
      case "deployments":
        add(into.prs, await deploymentReach(db, s, part));
        break;
      default:
        break;
    }
  }
}

/**
 * The PRs the deployments' link rows reach: the PR ids they list, the PRs at the commits they list,
 * and for one listing neither, the PRs of its repository merged after the previous such deployment
 * finished and up to when it finished (earlier PRs link to that one or an earlier one).
 */
async function deploymentReach(db: Store, s: Scope, ids: string[]): Promise<string[]> {
  const links = db
    .selectFrom("deployment_links as l")
    .where("l.org_id", "=", s.org)
    .where("l.project_id", "=", s.project)
    .where("l.deployment_id", "in", ids);
  const listed = await links.select("l.value").where("l.kind", "=", "pr").execute();
  const byCommit = await links
    .innerJoin("pull_requests as p", (join) =>
      join
        .onRef("p.org_id", "=", "l.org_id")
        .onRef("p.project_id", "=", "l.project_id")
        .onRef("p.merge_commit_sha", "=", "l.value"),
    )
    .select("p.id")
    .where("l.kind", "=", "sha")
    .execute();
  const byRepository = await links
    .innerJoin("pull_requests as p", (join) =>
      join
        .onRef("p.org_id", "=", "l.org_id")
        .onRef("p.project_id", "=", "l.project_id")
        .onRef("p.repository", "=", "l.value")
        .onRef("p.merged_at", "<=", "l.finished_at")
        .on((eb) =>
          eb(
            "p.merged_at",
            ">",
            eb.fn.coalesce(
              eb
                .selectFrom("deployment_links as o")
                .select((o) => o.fn.max("o.finished_at").as("m"))
                .whereRef("o.org_id", "=", "l.org_id")
                .whereRef("o.project_id", "=", "l.project_id")
                .where("o.kind", "=", "repo")
                .whereRef("o.value", "=", "l.value")
                .whereRef("o.finished_at", "<", "l.finished_at")
                .whereRef("o.deployment_id", "<>", "l.deployment_id"),
              sql.lit(-9e18),
            ),
          ),
        ),
    )
    .select("p.id")
    .where("l.kind", "=", "repo")
    .execute();
  return [...listed.map((r) => r.value), ...byCommit.map((r) => r.id), ...byRepository.map((r) => r.id)];
}

/**
 * After records `ids` of `table` were written or deleted: rewrites deployments' link rows, adds what
 * the records reach now to `before` (collected ahead of the change; for written PRs, the caller has
 * added the work items they name), and recomputes all of it.
 */
export async function relink(
  db: Store,
  s: Scope,
  table: RecordTable,
  ids: readonly string[],
  before: Reach,
): Promise<void> {
  if (table === "deployments") {
    for (const part of chunks([...ids], CHUNK))
      await linkDeployments(db, { org: s.org, project: s.project, ids: part });
  }
  // What a work item reaches depends on its id alone, so after the change it is what it was before.
  // A PR reaches itself (collected before) and the work item it names, which the caller adds from
  // the batch (a deleted PR names none).
  if (table !== "work_items" && table !== "pull_requests") await collectReach(db, s, table, ids, before);
  for (const part of chunks([...before.prs], CHUNK))
    await relinkPullRequests(db, { org: s.org, project: s.project, ids: part }, ALTERS[table]);
  for (const part of chunks([...before.workItems], CHUNK))
    await relinkWorkItems(db, { org: s.org, project: s.project, ids: part });
}

/** Whether a change to `table` can alter any link (teams and incidents never do). */
export const linksDependOn = (table: RecordTable): boolean => table !== "teams" && table !== "incidents";
