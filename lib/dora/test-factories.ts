// Record factories for tests: sensible defaults, override what a case is about.
import type { Dataset } from "./figures/types";
import type { Build, Deployment, Incident, PullRequest, Team, WorkItem } from "./types";

export const at = (iso: string) => Date.parse(iso);
export const HOUR_MS = 3_600_000;
export { DAY_MS as DAY } from "./zone";

export const team = (id: string, name = id, parentId: string | null = null, extra: Partial<Team> = {}): Team => ({
  id,
  name,
  orgTree: "Eng",
  refId: 0,
  parentId,
  ...extra,
});

export const pr = (id: string, extra: Partial<PullRequest> = {}): PullRequest => ({
  id,
  teamId: "t",
  repository: "repo",
  firstCommitAt: at("2026-01-05T00:00:00Z"),
  openedAt: at("2026-01-05T00:00:00Z"),
  mergedAt: at("2026-01-05T00:00:00Z"),
  mergeCommitSha: null,
  workItemId: null,
  ...extra,
});

export const dep = (id: string, finishedAt: string, extra: Partial<Deployment> = {}): Deployment => ({
  id,
  teamId: "t",
  environment: "production",
  status: "success",
  finishedAt: at(finishedAt),
  service: null,
  repository: null,
  startedAt: null,
  pullRequestIds: [],
  commitShas: [],
  ...extra,
});

export const build = (id: string, commitSha: string, finishedAt: string, extra: Partial<Build> = {}): Build => ({
  id,
  repository: "repo",
  commitSha,
  finishedAt: at(finishedAt),
  status: "success",
  startedAt: null,
  ...extra,
});

export const incident = (id: string, openedAt: string, extra: Partial<Incident> = {}): Incident => ({
  id,
  teamId: "t",
  openedAt: at(openedAt),
  resolvedAt: null,
  service: null,
  deploymentId: null,
  ...extra,
});

export const workItem = (id: string, createdAt: string, extra: Partial<WorkItem> = {}): WorkItem => ({
  id,
  teamId: "t",
  createdAt: at(createdAt),
  key: null,
  startedAt: null,
  resolvedAt: null,
  ...extra,
});

export const dataset = (d: Partial<Dataset>): Dataset => ({
  teams: [team("t")],
  workItems: [],
  pullRequests: [],
  builds: [],
  deployments: [],
  incidents: [],
  ...d,
});
