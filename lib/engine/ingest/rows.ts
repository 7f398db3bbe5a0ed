// Records of the data model as rows of the store (migration 002). A row leaves out the project's
// scope (org_id, project_id), which the write adds to every row of a batch, and travels as an array
// in the order of its table's COLUMNS: a batch's rows are encoded as one JSON text (encodeRows).
import type { Insertable } from "kysely";
import type { Build, Deployment, Incident, PullRequest, Team, WorkItem } from "@/lib/dora";
import type { DB } from "@/lib/store";
import type { RecordTable } from "./kinds";

export interface Scope {
  org: string;
  project: string;
}

type Row<T extends RecordTable> = Omit<Insertable<DB[T]>, "org_id" | "project_id">;
type PgType = "text" | "bigint" | "integer";

/** The columns ingestion writes to each table besides the scope, in a row's order, with their PostgreSQL types. */
export const COLUMNS: { [T in RecordTable]: readonly (readonly [column: keyof Row<T> & string, pgType: PgType])[] } = {
  teams: [
    ["id", "text"],
    ["name", "text"],
    ["org_tree", "text"],
    ["ref_id", "integer"],
    ["parent_id", "text"],
  ],
  work_items: [
    ["id", "text"],
    ["team_id", "text"],
    ["created_at", "bigint"],
    ["key", "text"],
    ["started_at", "bigint"],
    ["resolved_at", "bigint"],
  ],
  pull_requests: [
    ["id", "text"],
    ["team_id", "text"],
    ["repository", "text"],
    ["first_commit_at", "bigint"],
    ["opened_at", "bigint"],
    ["merged_at", "bigint"],
    ["merge_commit_sha", "text"],
    ["work_item_id", "text"],
  ],
  builds: [
    ["id", "text"],
    ["repository", "text"],
    ["commit_sha", "text"],
    ["finished_at", "bigint"],
    ["status", "text"],
    ["started_at", "bigint"],
  ],
  deployments: [
    ["id", "text"],
    ["team_id", "text"],
    ["environment", "text"],
    ["is_production", "integer"],
    ["status", "text"],
    ["finished_at", "bigint"],
    ["service", "text"],
    ["repository", "text"],
    ["started_at", "bigint"],
    ["pull_request_ids", "text"],
    ["commit_shas", "text"],
  ],
  incidents: [
    ["id", "text"],
    ["team_id", "text"],
    ["opened_at", "bigint"],
    ["resolved_at", "bigint"],
    ["service", "text"],
    ["deployment_id", "text"],
  ],
};

/** Rows of `table` (made by the functions below) as one JSON text: an array of arrays in the order of its COLUMNS. */
export function encodeRows(table: RecordTable, rows: readonly object[]): string {
  const columns = COLUMNS[table].map(([c]) => c);
  return JSON.stringify(rows.map((row) => columns.map((c) => (row as Record<string, unknown>)[c] ?? null)));
}

export const teamRow = (t: Team): Row<"teams"> => ({
  id: t.id,
  name: t.name,
  org_tree: t.orgTree,
  ref_id: t.refId,
  parent_id: t.parentId,
});

export const workItemRow = (w: WorkItem): Row<"work_items"> => ({
  id: w.id,
  team_id: w.teamId,
  created_at: w.createdAt,
  key: w.key,
  started_at: w.startedAt,
  resolved_at: w.resolvedAt,
});

export const pullRequestRow = (p: PullRequest): Row<"pull_requests"> => ({
  id: p.id,
  team_id: p.teamId,
  repository: p.repository,
  first_commit_at: p.firstCommitAt,
  opened_at: p.openedAt,
  merged_at: p.mergedAt,
  merge_commit_sha: p.mergeCommitSha,
  work_item_id: p.workItemId,
});

export const buildRow = (b: Build): Row<"builds"> => ({
  id: b.id,
  repository: b.repository,
  commit_sha: b.commitSha,
  finished_at: b.finishedAt,
  status: b.status,
  started_at: b.startedAt,
});

/** Spec §2: production is `production` or `prod`, in any case. */
export const isProduction = (environment: string): boolean => /^(production|prod)$/i.test(environment);

const jsonList = (values: string[]): string | null => (values.length === 0 ? null : JSON.stringify(values));

export const deploymentRow = (d: Deployment): Row<"deployments"> => ({
  id: d.id,
  team_id: d.teamId,
  environment: d.environment,
  is_production: isProduction(d.environment) ? 1 : 0,
  status: d.status,
  finished_at: d.finishedAt,
  service: d.service,
  repository: d.repository,
  started_at: d.startedAt,
  pull_request_ids: jsonList(d.pullRequestIds),
  commit_shas: jsonList(d.commitShas),
});

export const incidentRow = (i: Incident): Row<"incidents"> => ({
  id: i.id,
  team_id: i.teamId,
  opened_at: i.openedAt,
  resolved_at: i.resolvedAt,
  service: i.service,
  deployment_id: i.deploymentId,
});
