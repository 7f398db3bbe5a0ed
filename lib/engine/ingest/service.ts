import "server-only";
import { DomainError, type Team } from "@/lib/dora";
import { analyzeWhenGrown, type Store, writeTransaction, linkOf } from "@/lib/store";
import { KIND_TABLE, TEAM_OWNED_TABLES, type IngestKind } from "./kinds";
import { afterChange, beforeChange } from "./links";
import { parseBody, type IngestIssue, type Parsed } from "./parse";
import { checkTeams, duplicateIds, unknownTeams } from "./relations";
import * as rows from "./rows";
import type { Scope } from "./rows";
import type { ItemOf, TeamInput } from "./schemas";
import { existingIds, storedTeams, upsertRows } from "./write";

export type IngestResult =
  { ok: true; received: number; created: number; updated: number } | { ok: false; details: IngestIssue[] };

/** Refusal to delete a team that other records still name (a conflict: 409 CONFLICT). */
export class TeamInUseError extends DomainError {
  readonly kind = "conflict";
  constructor(
    readonly teamId: string,
    readonly usedBy: string[],
  ) {
    super(`Team "${teamId}" still has ${usedBy.join(" and ")}; delete or move them first.`);
    this.name = "TeamInUseError";
  }
}

const ROW: {
  [K in IngestKind]: (scope: Scope, item: K extends "teams" ? Team : ItemOf[K]) => Record<string, unknown>;
} = {
  teams: rows.teamRow,
  "work-items": rows.workItemRow,
  "pull-requests": rows.pullRequestRow,
  builds: rows.buildRow,
  deployments: rows.deploymentRow,
  incidents: rows.incidentRow,
};

/**
 * Validates and upserts one batch (spec §3), all or nothing: either every item is written or none
 * is and every problem is reported. Relations are checked against the store plus the batch.
 */
export async function ingest(db: Store, scope: Scope, kind: IngestKind, body: unknown): Promise<IngestResult> {
  return ingestParsed(db, scope, kind, parseBody(kind, body));
}

/** ingest() of a body whose shape was checked already (parseBody), on another thread perhaps. */
export async function ingestParsed(
  db: Store,
  scope: Scope,
  kind: IngestKind,
  parsed: Parsed<IngestKind>,
): Promise<IngestResult> {
  if (!parsed.ok && parsed.items.length === 0) return { ok: false, details: parsed.issues };
  const items = parsed.items as (ItemOf[IngestKind] | null)[];
  const result = await writeTransaction(db, async (trx) => {
    const teams = await storedTeams(trx, scope);
    const issues = [...(parsed.ok ? [] : parsed.issues), ...duplicateIds(items)];
    let records: unknown[] = items;
    if (kind === "teams") {
      const checked = checkTeams(teams, items as (TeamInput | null)[]);
      issues.push(...checked.issues);
      records = checked.teams;
    } else if (kind !== "builds") {
      issues.push(...unknownTeams(new Set(teams.keys()), items as ({ teamId: string } | null)[]));
    }
    if (issues.length > 0) return { ok: false as const, details: sortIssues(issues) };
    const table = KIND_TABLE[kind];
    const ids = items.map((item) => item!.id);
    const existing = await existingIds(trx, scope, table, ids);
    const toRow = ROW[kind] as (scope: Scope, item: unknown) => Record<string, unknown>;
    const reach = await beforeChange(trx, scope, table, ids, existing);
    // A PR's links are computed from the store as it stands and written with the PR, once.
    await upsertRows(
      trx,
      table,
      records.map((record) => toRow(scope, record)),
      kind === "pull-requests" ? linkOf(trx) : {},
    );
    // PostgreSQL: the links below are planned with statistics that count this batch.
    await analyzeWhenGrown(db, [table], ids.length - existing.size, trx);
    // The work items the new PRs name are in the batch itself: no need to read them back.
    if (kind === "pull-requests")
      for (const pr of items as { workItemId?: string | null }[]) if (pr.workItemId) reach.workItems.add(pr.workItemId);
    await afterChange(trx, scope, table, ids, reach, existing.size === 0);
    return { ok: true as const, received: items.length, created: items.length - existing.size, updated: existing.size };
  });
  if (result.ok && kind === "deployments") await analyzeWhenGrown(db, ["deployment_links"], result.created);
  return result;
}

/**
 * Deletes one record; false when the project has no such record. A team that still has child teams
 * or records is refused with TeamInUseError, since they would be left naming no team.
 */
export async function deleteRecord(db: Store, scope: Scope, kind: IngestKind, id: string): Promise<boolean> {
  const table = KIND_TABLE[kind];
  return writeTransaction(db, async (trx) => {
    if (kind === "teams") {
      const usedBy = await teamUsers(trx, scope, id);
      if (usedBy.length > 0) throw new TeamInUseError(id, usedBy);
    }
    const reach = await beforeChange(trx, scope, table, [id], new Set([id]));
    const result = await trx
      .deleteFrom(table)
      .where("org_id", "=", scope.org)
      .where("project_id", "=", scope.project)
      .where("id", "=", id)
      .executeTakeFirst();
    await afterChange(trx, scope, table, [id], reach);
    return result.numDeletedRows > BigInt(0);
  });
}

async function teamUsers(db: Store, scope: Scope, teamId: string): Promise<string[]> {
  const usedBy: string[] = [];
  const child = await db
    .selectFrom("teams")
    .select("id")
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .where("parent_id", "=", teamId)
    .limit(1)
    .executeTakeFirst();
  if (child) usedBy.push("child teams");
  for (const table of TEAM_OWNED_TABLES) {
    const row = await db
      .selectFrom(table)
      .select("id")
      .where("org_id", "=", scope.org)
      .where("project_id", "=", scope.project)
      .where("team_id", "=", teamId)
      .limit(1)
      .executeTakeFirst();
    if (row) usedBy.push(table.replace("_", " "));
  }
  return usedBy;
}

// Items in order, body-level issues first.
const sortIssues = (issues: IngestIssue[]): IngestIssue[] =>
  issues
    .map((issue, at) => ({ issue, at }))
    .sort((a, b) => (a.issue.index ?? -1) - (b.issue.index ?? -1) || a.at - b.at)
    .map((x) => x.issue);
