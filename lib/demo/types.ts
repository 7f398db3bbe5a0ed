// Ingestion payload items (spec §2/§3: camelCase, ISO-8601 UTC timestamps, string ids; absent
// optional fields are omitted) and the specifications the generators work from.

import type { IngestPayload } from "@/lib/engine";

// Each kind's item is exactly what the ingestion API's schema accepts, so the demo can never send
// a shape the engine refuses.
export type TeamItem = IngestPayload<"teams">;
export type WorkItemItem = IngestPayload<"work-items">;
export type PullRequestItem = IngestPayload<"pull-requests">;
export type BuildItem = IngestPayload<"builds">;
export type DeploymentItem = IngestPayload<"deployments">;
export type IncidentItem = IngestPayload<"incidents">;

/** The ingestion API's kinds, in the order they must be ingested (the path segment of `/v2/ingest/{kind}`). */
export const KINDS = ["teams", "work-items", "builds", "pull-requests", "deployments", "incidents"] as const;
export type Kind = (typeof KINDS)[number];

export interface ItemOf {
  teams: TeamItem;
  "work-items": WorkItemItem;
  "pull-requests": PullRequestItem;
  builds: BuildItem;
  deployments: DeploymentItem;
  incidents: IncidentItem;
}
export type Item = ItemOf[Kind];

export type ProfileName = "elite" | "high" | "medium" | "low";

/** How a team's deployments name what they ship: the three linking rules of spec §4.3. */
export type Linking = "pullRequestIds" | "commitShas" | "repository";

export interface FreezeSpec {
  /** The freeze begins this many months before `end` … */
  fromMonthsAgo: number;
  /** … and lasts this many months, with no deployments. */
  months: number;
}

export interface TeamSpec {
  id: string;
  name: string;
  children?: TeamSpec[];
  /** Teams with a profile own records; others (roots, groups) only roll up. */
  profile?: ProfileName;
  linking?: Linking;
  /** Deploy to `staging` before each production deployment. */
  staging?: boolean;
  /** The team has data only for its last N months. */
  startMonthsAgo?: number;
  freezes?: FreezeSpec[];
  /** Deployed repository (default `<owner>/<last id segment>`) and the service it runs. */
  repository?: string;
  /** Work item key prefix, e.g. `PAY`. */
  key?: string;
}

export interface TreeSpec {
  /** The org tree's name; also the root team's name. */
  name: string;
  root: TeamSpec;
}

export interface OrgOptions {
  seed: number;
  /** Exclusive end instant, e.g. the start of today UTC. */
  end: Date;
  months: number;
  trees: TreeSpec[];
  /** Base pull-request rate of a team with a profile; the profile scales it. Default 6. */
  prsPerTeamPerWeek?: number;
  /** Multiplies every activity rate (1 = full size; 0.001 for a quick test). Default 1. */
  scale?: number;
  /** Owner part of default repository names. Default `acme`. */
  repositoryOwner?: string;
}
