import "server-only";
import {
  type Dataset,
  type Build,
  type Deployment,
  type Incident,
  type PullRequest,
  type Team,
  type WorkItem,
  DAY_MS,
} from "@/lib/dora";
import type { Store } from "@/lib/store";
import type { Scope } from "./ingest/rows";
import { chunks } from "./ingest/write";
import { fetchRows } from "./raw-rows";

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

// An incident links to a deployment at most 7 days before it opened (spec §4.5).
const INCIDENT_WINDOW = 7 * DAY_MS;
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
  if (!teamIds) return fetchRows(db, base, toPullRequest);
  if (teamIds.length === 0) return [];
  const own = await fetchRows(db, base.where("team_id", "in", teamIds), toPullRequest);
  // PRs of other teams that name these teams' work items count for PR_ASSOCIATIONS.
  const ownIds = new Set(own.map((pr) => pr.id));
  const named = await fetchRows(
    db,
    base.where("work_item_id", "in", (eb) =>
      eb
        .selectFrom("work_items")
        .select("id")
        .where("org_id", "=", scope.org)
        .where("project_id", "=", scope.project)
        .where("team_id", "in", teamIds),
    ),
    toPullRequest,
  );
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
  if (!teamIds) return fetchRows(db, base, toWorkItem);
  const own = teamIds.length === 0 ? [] : await fetchRows(db, base.where("team_id", "in", teamIds), toWorkItem);
  const have = new Set(own.map((w) => w.id));
  const named = [...new Set(prs.map((pr) => pr.workItemId))].filter((id): id is string => id !== null && !have.has(id));
  for (const ids of chunks(named, ID_CHUNK))
    for (const w of await fetchRows(db, base.where("id", "in", ids), toWorkItem)) own.push(w);
  return own;
}

/**
 * The incidents that bear on the figures of `teamIds` (all of the project's when null): their own,
 * and those of any team that name one of their deployments, which makes it a failure (CFR).
 */
export function teamIncidents(db: Store, scope: Scope, teamIds: readonly string[] | null) {
  const query = db
    .selectFrom("incidents")
    .select(INCIDENT_COLUMNS)
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project);
  if (!teamIds) return query;
  const ids = [...teamIds];
  return query.where((eb) =>
    eb.or([
      eb("team_id", "in", ids),
      eb(
        "deployment_id",
        "in",
        eb
          .selectFrom("deployments")
          .select("id")
          .where("org_id", "=", scope.org)
          .where("project_id", "=", scope.project)
          .where("team_id", "in", ids),
      ),
    ]),
  );
}

async function loadIncidents(
  db: Store,
  scope: Scope,
  teamIds: string[] | null,
  opts: LoadOptions,
): Promise<Incident[]> {
  if (teamIds?.length === 0) return [];
  const query = teamIncidents(db, scope, teamIds);
  const { from, to } = opts;
  if (from === undefined && to === undefined) return fetchRows(db, query, toIncident);
  // Needed: resolved in range (MTTR), opened where it can link to an in-range deployment (CFR), or
  // naming its deployment outright.
  return fetchRows(
    db,
    query.where((eb) => {
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
    }),
    toIncident,
  );
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
  const rows = await fetchRows(db, query, toDeployment);
  const have = new Set(rows.map((d) => d.id));
  const named = [...new Set(incidents.map((i) => i.deploymentId))].filter(
    (id): id is string => id !== null && !have.has(id),
  );
  for (const ids of chunks(named, ID_CHUNK))
    for (const d of await fetchRows(db, bound.where("id", "in", ids), toDeployment)) rows.push(d);
  return rows;
}

async function loadBuilds(db: Store, scope: Scope, teamIds: string[] | null, prs: PullRequest[]): Promise<Build[]> {
  const base = db
    .selectFrom("builds")
    .select(BUILD_COLUMNS)
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project);
  if (!teamIds) return fetchRows(db, base, toBuild);
  const rows: Build[] = [];
  const repositories = [...new Set(prs.map((pr) => pr.repository))];
  for (const repos of chunks(repositories, ID_CHUNK))
    for (const b of await fetchRows(db, base.where("repository", "in", repos), toBuild)) rows.push(b);
  return rows;
}

// Rows arrive as arrays in the order of the *_COLUMNS lists; objects of one literal shape each.
type Row = unknown[];
const num = (v: unknown): number | null => (v === null ? null : Number(v));
const str = (v: unknown): string | null => (v === null ? null : (v as string));
const list = (v: unknown): string[] => (v === null ? [] : (JSON.parse(v as string) as string[]));

const toPullRequest = (r: Row): PullRequest => ({
  id: r[0] as string,
  teamId: r[1] as string,
  repository: r[2] as string,
  firstCommitAt: Number(r[3]),
  openedAt: Number(r[4]),
  mergedAt: num(r[5]),
  mergeCommitSha: str(r[6]),
  workItemId: str(r[7]),
});
const toWorkItem = (r: Row): WorkItem => ({
  id: r[0] as string,
  teamId: r[1] as string,
  createdAt: Number(r[2]),
  key: str(r[3]),
  startedAt: num(r[4]),
  resolvedAt: num(r[5]),
});
const toBuild = (r: Row): Build => ({
  id: r[0] as string,
  repository: r[1] as string,
  commitSha: r[2] as string,
  finishedAt: Number(r[3]),
  status: r[4] as Build["status"],
  startedAt: num(r[5]),
});
const toDeployment = (r: Row): Deployment => ({
  id: r[0] as string,
  teamId: r[1] as string,
  environment: r[2] as string,
  status: r[3] as Deployment["status"],
  finishedAt: Number(r[4]),
  service: str(r[5]),
  repository: str(r[6]),
  startedAt: num(r[7]),
  pullRequestIds: list(r[8]),
  commitShas: list(r[9]),
});
/** A deployment's columns without its lists: what CFR, MTTR, FDRT and rework need of it. */
export const LIGHT_DEPLOYMENT_COLUMNS = [
  "id",
  "team_id",
  "environment",
  "status",
  "finished_at",
  "service",
  "repository",
] as const;

/** A row of LIGHT_DEPLOYMENT_COLUMNS as a deployment, its lists empty. */
export const toLightDeployment = (r: Row): Deployment => ({
  id: r[0] as string,
  teamId: r[1] as string,
  environment: r[2] as string,
  status: r[3] as Deployment["status"],
  finishedAt: Number(r[4]),
  service: r[5] as string | null,
  repository: r[6] as string | null,
  startedAt: null,
  pullRequestIds: [],
  commitShas: [],
});
export const toIncident = (r: Row): Incident => ({
  id: r[0] as string,
  teamId: r[1] as string,
  openedAt: Number(r[2]),
  resolvedAt: num(r[3]),
  service: str(r[4]),
  deploymentId: str(r[5]),
});

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
