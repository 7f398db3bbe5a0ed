import "server-only";
import { DomainError } from "@/lib/dora";
import { analyzeWhenGrown, inSavepoint, linkOf, type Part, type Store, writeTransaction } from "@/lib/store";
import { KIND_TABLE, TEAM_OWNED_TABLES, type IngestKind } from "./kinds";
import { afterChange, beforeChange } from "./links";
import { parseBody, type IngestIssue } from "./parse";
import { prepareBatch, type Prepared } from "./prepare";
import { checkTeams, unknownTeams } from "./relations";
import { encodeRows, teamRow, type Scope } from "./rows";
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

/**
 * Validates and upserts one batch (spec §3), all or nothing: either every item is written or none
 * is and every problem is reported. Relations are checked against the store plus the batch.
 */
export async function ingest(db: Store, scope: Scope, kind: IngestKind, body: unknown): Promise<IngestResult> {
  const [part] = await ingestBatches(db, { scope, batch: prepareBatch(kind, parseBody(kind, body)) });
  if (!part!.ok) throw part!.error;
  return part!.value;
}

/** A prepared batch and the project it goes to. */
export interface ScopedBatch {
  scope: Scope;
  batch: Prepared;
}

/**
 * Writes batch `first`, then each batch `next` gives until it gives none, in one transaction: each
 * all or nothing as if alone (a savepoint each: one that is refused or fails leaves the others
 * written), in order, so each sees those before it. Their writes are committed once: the pages
 * their rows share (the random sha index's above all) are written to the store's log once, not
 * once per batch. Returns each batch's result or its error; if the commit fails, it throws, and
 * none of them is written.
 */
export async function ingestBatches(
  db: Store,
  first: ScopedBatch,
  next: () => Promise<ScopedBatch | undefined> = async () => undefined,
): Promise<Part<IngestResult>[]> {
  let deployed = 0;
  const parts = await writeTransaction(db, async (trx) => {
    const out: Part<IngestResult>[] = [];
    for (let item: ScopedBatch | undefined = first; item; item = await next()) {
      const { scope, batch } = item;
      const part = await inSavepoint(
        trx,
        () => writeBatch(db, trx, scope, batch),
        (r) => r.ok,
      );
      if (part.ok && part.value.ok && batch.kind === "deployments") deployed += part.value.created;
      out.push(part);
    }
    return out;
  });
  // PostgreSQL: the links of the next deployments are planned with statistics that count these.
  await analyzeWhenGrown(db, ["deployment_links"], deployed);
  return parts;
}

/** ingest()'s work inside a write transaction `trx` of `db`. */
async function writeBatch(db: Store, trx: Store, scope: Scope, batch: Prepared): Promise<IngestResult> {
  const { kind, ids } = batch;
  if (batch.count === 0) return { ok: false, details: batch.issues };
  const issues = [...batch.issues];
  let rows = batch.rows;
  if (batch.teams) {
    const checked = checkTeams(await storedTeams(trx, scope), batch.teams);
    issues.push(...checked.issues);
    if (issues.length === 0) rows = encodeRows("teams", checked.teams.map(teamRow));
  } else if (batch.teamIds) {
    issues.push(...unknownTeams(new Set((await storedTeams(trx, scope)).keys()), batch.teamIds));
  }
  if (issues.length > 0 || rows === null) return { ok: false, details: sortIssues(issues) };
  const table = KIND_TABLE[kind];
  const existing = await existingIds(trx, scope, table, ids);
  const reach = await beforeChange(trx, scope, table, ids, existing);
  // A PR's links are computed from the store as it stands and written with the PR, once.
  await upsertRows(trx, scope, table, rows, kind === "pull-requests" ? linkOf(trx) : {});
  // PostgreSQL: the links below are planned with statistics that count this batch.
  await analyzeWhenGrown(db, [table], ids.length - existing.size, trx);
  // The work items the new PRs name are in the batch itself: no need to read them back.
  for (const id of batch.workItemIds) reach.workItems.add(id);
  await afterChange(trx, scope, table, ids, reach, existing.size === 0);
  return { ok: true, received: batch.count, created: batch.count - existing.size, updated: existing.size };
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
