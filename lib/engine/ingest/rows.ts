// Records of the data model as rows of the store (migration 002), keyed by the project's scope.
import type { Insertable } from "kysely";
import type { Build, Deployment, Incident, PullRequest, Team, WorkItem } from "@/lib/dora";
import type { DB } from "@/lib/store";

export interface Scope {
  org: string;
  project: string;
}

type Row<T extends keyof DB> = Insertable<DB[T]>;

export const teamRow = (s: Scope, t: Team): Row<"teams"> => ({
  org_id: s.org,
  project_id: s.project,
  id: t.id,
  name: t.name,
  org_tree: t.orgTree,
  ref_id: t.refId,
  parent_id: t.parentId,
});

export const workItemRow = (s: Scope, w: WorkItem): Row<"work_items"> => ({
  org_id: s.org,
  project_id: s.project,
  id: w.id,
  team_id: w.teamId,
  created_at: w.createdAt,
  key: w.key,
  started_at: w.startedAt,
  resolved_at: w.resolvedAt,
});

export const pullRequestRow = (s: Scope, p: PullRequest): Row<"pull_requests"> => ({
  org_id: s.org,
  project_id: s.project,
  id: p.id,
  team_id: p.teamId,
  repository: p.repository,
  first_commit_at: p.firstCommitAt,
  opened_at: p.openedAt,
  merged_at: p.mergedAt,
  merge_commit_sha: p.mergeCommitSha,
  work_item_id: p.workItemId,
});

export const buildRow = (s: Scope, b: Build): Row<"builds"> => ({
  org_id: s.org,
  project_id: s.project,
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

export const deploymentRow = (s: Scope, d: Deployment): Row<"deployments"> => ({
  org_id: s.org,
  project_id: s.project,
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

export const incidentRow = (s: Scope, i: Incident): Row<"incidents"> => ({
  org_id: s.org,
  project_id: s.project,
  id: i.id,
  team_id: i.teamId,
  opened_at: i.openedAt,
  resolved_at: i.resolvedAt,
  service: i.service,
  deployment_id: i.deploymentId,
});
