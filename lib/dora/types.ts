// Fourfold's own data model: the records the engine stores and the figures computed from them.
// Instants are epoch milliseconds (UTC); absent optional fields are null.

export type Status = "success" | "failure";

export interface Team {
  id: string;
  name: string;
  orgTree: string;
  refId: number;
  parentId: string | null;
}

export interface WorkItem {
  id: string;
  teamId: string;
  createdAt: number;
  key: string | null;
  startedAt: number | null;
  resolvedAt: number | null;
}

export interface PullRequest {
  id: string;
  teamId: string;
  repository: string;
  firstCommitAt: number;
  openedAt: number;
  mergedAt: number | null;
  mergeCommitSha: string | null;
  workItemId: string | null;
}

export interface Build {
  id: string;
  repository: string;
  commitSha: string;
  finishedAt: number;
  status: Status;
  startedAt: number | null;
}

export interface Deployment {
  id: string;
  teamId: string;
  environment: string;
  status: Status;
  finishedAt: number;
  service: string | null;
  repository: string | null;
  startedAt: number | null;
  pullRequestIds: string[];
  commitShas: string[];
}

export interface Incident {
  id: string;
  teamId: string;
  openedAt: number;
  resolvedAt: number | null;
  service: string | null;
  deploymentId: string | null;
}

export const METRIC_GROUPS = [
  "lttc",
  "work_items",
  "deployment_frequency",
  "cfr",
  "mttr",
  "fdrt",
  "rework",
  "rating",
  "summary",
] as const;
export type MetricGroup = (typeof METRIC_GROUPS)[number];

export const GRANULARITIES = ["WEEKLY", "MONTHLY", "QUARTERLY"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const AGGREGATIONS = ["mean", "median", "p90", "p95"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export type Rating = "Elite" | "High" | "Medium" | "Low";

/** A calendar date, `yyyy-MM-dd`. */
export type IsoDate = string;

export type ExportScope =
  | { kind: "team"; teamId: string }
  | { kind: "orgTree"; orgTreeName: string; orgIdentifier: string; projectIdentifier: string | null };

/** An export request after validation and normalisation (spec §5): canonical case, aliases resolved, defaults filled. */
export interface ExportParams {
  scope: ExportScope;
  dateRange: { start: IsoDate; end: IsoDate };
  /** Canonical names, de-duplicated, in the CSV's order of groups. */
  metricGroups: MetricGroup[];
  /** Canonical column names to keep (hierarchy columns are always kept), or null for all. */
  metrics: string[] | null;
  granularity: Granularity;
  aggregation: Aggregation;
  compression: "gzip" | "none";
  format: "csv";
  timezone: string;
  benchmark: string;
}
