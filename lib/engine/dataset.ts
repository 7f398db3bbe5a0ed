import "server-only";
import type { Dataset } from "@/lib/dora/figures/types";
import type { Build, Deployment, Incident, PullRequest, Team, WorkItem } from "@/lib/dora/types";
import type { Store } from "@/lib/store/db";
import type { Scope } from "./ingest/rows";
import { chunks } from "./ingest/write";

/** Everything the metric code needs for a project, or a self-sufficient part of it. */
export type { Dataset };

/**
 * Narrowing only ever drops records that cannot change a figure of the given teams within
 * [from, to); the result may hold more (records of other teams), so figures must still filter by team.
 */
export interface LoadOptions {
  /** The teams figures are wanted for, descendants included by the caller. */
  teamIds?: string[];
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
}

const DAY = 86_400_000;
// An incident links to a deployment at most 7 days before it opened (spec §4.5).
const INCIDENT_WINDOW = 7 * DAY;
const ID_CHUNK = 10_000;

const PR_COLUMNS = [
  "id",
  "team_id as teamId",
  "repository",
  "first_commit_at as firstCommitAt",
  "opened_at as openedAt",
  "merged_at as mergedAt",
  "merge_commit_sha as mergeCommitSha",
  "work_item_id as workItemId",
] as const;
const WORK_ITEM_COLUMNS = [
  "id",
  "team_id as teamId",
  "created_at as createdAt",
  "key",
  "started_at as startedAt",
  "resolved_at as resolvedAt",
] as const;
const BUILD_COLUMNS = [
  "id",
  "repository",
  "commit_sha as commitSha",
  "finished_at as finishedAt",
  "status",
  "started_at as startedAt",
] as const;
const DEPLOYMENT_COLUMNS = [
  "id",
  "team_id as teamId",
  "environment",
  "status",
  "finished_at as finishedAt",
  "service",
  "repository",
  "started_at as startedAt",
  "pull_request_ids as pullRequestIds",
  "commit_shas as commitShas",
] as const;
const INCIDENT_COLUMNS = [
  "id",
  "team_id as teamId",
  "opened_at as openedAt",
  "resolved_at as resolvedAt",
  "service",
  "deployment_id as deploymentId",
] as const;

/**
 * Loads a project's records. With `teamIds`: those teams' records, plus what their figures link to
 * across teams: every successful production deployment (a PR may ship with any team's), the PRs
 * naming their work items, the work items and deployments named by their PRs and incidents, and the
 * builds of their PRs' repositories. `from`/`to` never narrow PRs, work items or builds (a PR merged
 * long ago can ship in range, and linking picks the earliest build or deployment).
 */
export async function loadDataset(db: Store, scope: Scope, opts: LoadOptions = {}): Promise<Dataset> {
  const teams = await listTeams(db, scope);
  const teamIds = opts.teamIds ? [...new Set(opts.teamIds)] : null;
  const pullRequests = await loadPullRequests(db, scope, teamIds);
  const workItems = await loadWorkItems(db, scope, teamIds, pullRequests);
  const incidents = await loadIncidents(db, scope, teamIds, opts);
  const deployments = await loadDeployments(db, scope, teamIds, opts, incidents);
  const builds = await loadBuilds(db, scope, teamIds, pullRequests);
  return { teams, workItems, pullRequests, builds, deployments, incidents };
}

async function loadPullRequests(db: Store, scope: Scope, teamIds: string[] | null): Promise<PullRequest[]> {
  const base = db
    .selectFrom("pull_requests")
    .select(PR_COLUMNS)
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project);
  if (!teamIds) return base.execute();
  if (teamIds.length === 0) return [];
  const own = await base.where("team_id", "in", teamIds).execute();
  // PRs of other teams that name these teams' work items count for PR_ASSOCIATIONS.
  const ownIds = new Set(own.map((pr) => pr.id));
  const named = await base
    .where("work_item_id", "in", (eb) =>
      eb
        .selectFrom("work_items")
        .select("id")
        .where("org_id", "=", scope.org)
        .where("project_id", "=", scope.project)
        .where("team_id", "in", teamIds),
    )
    .execute();
  for (const pr of named) if (!ownIds.has(pr.id)) own.push(pr);
  return own;
}

async function loadWorkItems(
  db: Store,
  scope: Scope,
  teamIds: string[] | null,
  prs: PullRequest[],
): Promise<WorkItem[]> {
  const base = db
    .selectFrom("work_items")
    .select(WORK_ITEM_COLUMNS)
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project);
  if (!teamIds) return base.execute();
  const own = teamIds.length === 0 ? [] : await base.where("team_id", "in", teamIds).execute();
  const have = new Set(own.map((w) => w.id));
  const named = [...new Set(prs.map((pr) => pr.workItemId))].filter((id): id is string => id !== null && !have.has(id));
  for (const ids of chunks(named, ID_CHUNK)) own.push(...(await base.where("id", "in", ids).execute()));
  return own;
}

async function loadIncidents(
  db: Store,
  scope: Scope,
  teamIds: string[] | null,
  opts: LoadOptions,
): Promise<Incident[]> {
  if (teamIds?.length === 0) return [];
  let query = db
    .selectFrom("incidents")
    .select(INCIDENT_COLUMNS)
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project);
  if (teamIds) query = query.where("team_id", "in", teamIds);
  const { from, to } = opts;
  if (from === undefined && to === undefined) return query.execute();
  // Needed: resolved in range (MTTR), opened where it can link to an in-range deployment (CFR), or
  // naming its deployment outright.
  return query
    .where((eb) => {
      const resolved = [eb("resolved_at", "is not", null)];
      const opened = [];
      if (from !== undefined) {
        resolved.push(eb("resolved_at", ">=", from));
        opened.push(eb("opened_at", ">=", from));
      }
      if (to !== undefined) {
        resolved.push(eb("resolved_at", "<", to));
        opened.push(eb("opened_at", "<", to + INCIDENT_WINDOW));
      }
      return eb.or([eb.and(resolved), eb.and(opened), eb("deployment_id", "is not", null)]);
    })
    .execute();
}

async function loadDeployments(
  db: Store,
  scope: Scope,
  teamIds: string[] | null,
  opts: LoadOptions,
  incidents: Incident[],
): Promise<Deployment[]> {
  let query = db
    .selectFrom("deployments")
    .select(DEPLOYMENT_COLUMNS)
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project);
  const bound = query;
  // Later deployments cannot change which deployment an in-range PR or incident links to.
  if (opts.to !== undefined) query = query.where("finished_at", "<", opts.to + INCIDENT_WINDOW);
  if (teamIds) {
    query = query.where((eb) =>
      eb.or([
        ...(teamIds.length > 0 ? [eb("team_id", "in", teamIds)] : []),
        eb.and([eb("is_production", "=", 1), eb("status", "=", "success")]),
      ]),
    );
  }
  const rows = await query.execute();
  const have = new Set(rows.map((d) => d.id));
  const named = [...new Set(incidents.map((i) => i.deploymentId))].filter(
    (id): id is string => id !== null && !have.has(id),
  );
  for (const ids of chunks(named, ID_CHUNK)) rows.push(...(await bound.where("id", "in", ids).execute()));
  return rows.map(toDeployment);
}

type DeploymentRow = Omit<Deployment, "pullRequestIds" | "commitShas" | "status"> & {
  status: string;
  pullRequestIds: string | null;
  commitShas: string | null;
};

function toDeployment(row: DeploymentRow): Deployment {
  return {
    ...row,
    status: row.status as Deployment["status"],
    pullRequestIds: row.pullRequestIds === null ? [] : (JSON.parse(row.pullRequestIds) as string[]),
    commitShas: row.commitShas === null ? [] : (JSON.parse(row.commitShas) as string[]),
  };
}

async function loadBuilds(db: Store, scope: Scope, teamIds: string[] | null, prs: PullRequest[]): Promise<Build[]> {
  const base = db
    .selectFrom("builds")
    .select(BUILD_COLUMNS)
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project);
  const rows = [];
  if (!teamIds) rows.push(...(await base.execute()));
  else {
    const repositories = [...new Set(prs.map((pr) => pr.repository))];
    for (const repos of chunks(repositories, ID_CHUNK))
      rows.push(...(await base.where("repository", "in", repos).execute()));
  }
  return rows as Build[];
}

/** The project's teams. */
export async function listTeams(db: Store, scope: Scope): Promise<Team[]> {
  return db
    .selectFrom("teams")
    .select(["id", "name", "org_tree as orgTree", "ref_id as refId", "parent_id as parentId"])
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .orderBy("id")
    .execute();
}

/** The team with this refId in the project, or null. */
export async function findTeamByRefId(db: Store, scope: Scope, refId: number): Promise<Team | null> {
  const team = await db
    .selectFrom("teams")
    .select(["id", "name", "org_tree as orgTree", "ref_id as refId", "parent_id as parentId"])
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .where("ref_id", "=", refId)
    .executeTakeFirst();
  return team ?? null;
}

/** The names of the project's org trees, sorted. */
export async function orgTreeNames(db: Store, scope: Scope): Promise<string[]> {
  const rows = await db
    .selectFrom("teams")
    .select("org_tree")
    .distinct()
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .orderBy("org_tree")
    .execute();
  return rows.map((row) => row.org_tree);
}
