import "server-only";
import { sql, type RawBuilder } from "kysely";
import {
  type Store,
  deploymentReach,
  linkDeployments,
  lowerDeployTimes,
  markWorkItemsLinked,
  prsMergedAt,
  relinkPullRequests,
  relinkWorkItems,
  storedRows,
  joinInOrder,
  jsonTexts,
  unlinkDeployments,
  type PrLink,
} from "@/lib/store";
import type { RecordTable } from "./kinds";
import type { Scope } from "./rows";

// Keeps the links of migrations 006 and 009 (the link columns of pull_requests, has_pr,
// deployment_links) current inside an ingestion transaction. A PR's own links are written with it
// (service.ts); any other change can only alter the links of the PRs and work items its records
// reach, in the state before the change (what the old records linked) or after it (what the new
// ones link): both are collected and only those are recomputed.

/** The links of a PR a change to each table can alter (a PR's own are written with it). */
const ALTERS: Record<RecordTable, readonly PrLink[]> = {
  teams: [],
  incidents: [],
  pull_requests: [],
  work_items: ["link_t0"],
  builds: ["link_t4"],
  deployments: ["link_t5"],
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

/** Adds to `into` what the stored records `ids` of `table` reach in the store's current state. */
async function collectReach(
  db: Store,
  s: Scope,
  table: RecordTable,
  ids: readonly string[],
  into: Reach,
): Promise<void> {
  if (ids.length === 0) return;
  const only = { ...s, ids };
  const prs = (query: RawBuilder<{ id: string }>) =>
    query.execute(db).then((r) =>
      add(
        into.prs,
        r.rows.map((row) => row.id),
      ),
    );
  switch (table) {
    case "pull_requests": {
      const { rows } = await sql<{
        id: string;
      }>`SELECT p.work_item_id AS id FROM ${storedRows(db, "pull_requests", "p", only)}
        WHERE p.work_item_id IS NOT NULL`.execute(db);
      add(
        into.workItems,
        rows.map((r) => r.id),
      );
      break;
    }
    case "work_items":
      add(into.workItems, ids);
      await prs(sql`SELECT p.id FROM ${jsonTexts(db, ids, "w")} ${joinInOrder(db)} pull_requests p
        ON p.org_id = ${s.org} AND p.project_id = ${s.project} AND p.work_item_id = w.value`);
      break;
    case "builds":
      await prs(sql`SELECT p.id FROM ${storedRows(db, "builds", "b", only)}
        ${joinInOrder(db)} ${prsMergedAt(db, "b", sql.ref("b.commit_sha"))} AND p.repository = b.repository`);
      break;
    case "deployments":
      add(into.prs, await deploymentReach(db, only));
      break;
    default:
      break;
  }
}

/**
 * Before records `ids` of `table` are written or deleted (`stored`: those of them the store holds):
 * what they reach as stored now. A deployment's link rows go with its old record.
 */
export async function beforeChange(
  db: Store,
  s: Scope,
  table: RecordTable,
  ids: readonly string[],
  stored: ReadonlySet<string>,
): Promise<Reach> {
  const reach = emptyReach();
  if (!linksDependOn(table)) return reach;
  // What a work item reaches depends on its id alone, stored or not; other records reach nothing
  // before they are stored.
  const old = table === "work_items" ? ids : ids.filter((id) => stored.has(id));
  await collectReach(db, s, table, old, reach);
  if (table === "deployments") await unlinkDeployments(db, { ...s, ids: old });
  return reach;
}

/**
 * After records `ids` of `table` were written or deleted: writes the deployments' link rows, adds
 * what the records reach now to `before` (for written PRs, the caller has added the work items they
 * name), and recomputes all of it. `allNew`: the records were written and none was stored before.
 */
export async function afterChange(
  db: Store,
  s: Scope,
  table: RecordTable,
  ids: readonly string[],
  before: Reach,
  allNew = false,
): Promise<void> {
  if (!linksDependOn(table)) return;
  const only = { ...s, ids };
  if (table === "deployments") await linkDeployments(db, only);
  // New deployments can only lower the t5 of the PRs they reach: no need to recompute those links.
  if (table === "deployments" && allNew) return lowerDeployTimes(db, only);
  // New PRs can only give the work items they name (all of `before`'s, none being stored before) a PR.
  if (table === "pull_requests" && allNew) return markWorkItemsLinked(db, { ...s, ids: [...before.workItems] });
  // What a work item reaches depends on its id alone, so after the change it is what it was before.
  // A PR reaches the work item it names, which the caller adds from the batch (a deleted PR names none).
  if (table !== "work_items" && table !== "pull_requests") await collectReach(db, s, table, ids, before);
  await relinkPullRequests(db, { ...s, ids: [...before.prs] }, ALTERS[table]);
  await relinkWorkItems(db, { ...s, ids: [...before.workItems] });
}

/** Whether a change to `table` can alter any link (teams and incidents never do). */
const linksDependOn = (table: RecordTable): boolean => table !== "teams" && table !== "incidents";
