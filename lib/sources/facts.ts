// What a source's mapper says about an event: the facts it holds about entities (a pull request, a
// branch, a deployment, a run, an issue, a tag), each kept with the event. An entity's records are
// folded from all its facts (fold.ts), so events arriving in any order give the same records.
/** The engine's record kinds (spec §2) that sources produce: every kind but teams. */
export type RecordKind = "work-items" | "pull-requests" | "builds" | "deployments" | "incidents";

/** A record as the ingestion API takes it (spec §2, ISO-8601 instants), with its kind. */
export interface ProducedRecord {
  kind: RecordKind;
  item: { id: string } & Record<string, unknown>;
}

export interface Fact<D extends FactData = FactData> {
  entity: string;
  /** Another entity whose facts this one's records depend on (a pull request's head branch). */
  link: string | null;
  /** The instant of the state the fact describes (epoch ms): the newest state wins. */
  at: number;
  data: D;
}

/** A pull request's state (a webhook or the importer). */
export interface PrFact {
  t: "pr";
  id: string;
  team: string;
  repo: string;
  state: string;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  mergedAt: number | null;
  mergeSha: string | null;
  workItemId: string | null;
}

/** The earliest author date among a pull request's commits (importer). */
export interface CommitsFact {
  t: "commits";
  first: number;
}

/** The commit times of a push to a branch. */
export interface PushFact {
  t: "push";
  times: number[];
}

/** One status of a deployment. */
export interface DeploymentStatusFact {
  t: "dstatus";
  id: string;
  team: string;
  repo: string;
  environment: string;
  state: string;
  statusId: number;
  deploymentCreatedAt: number | null;
}

/** One state of a workflow run (or pipeline), a build or a deployment as the mapping says. */
export interface RunFact {
  t: "run";
  id: string;
  team: string;
  repo: string;
  as: "build" | "deployment";
  environment: string;
  status: string;
  conclusion: string | null;
  attempt: number;
  startedAt: number | null;
  headSha: string;
}

/** One state of an issue: a work item, or an incident when it carries the incident label. */
export interface IssueFact {
  t: "issue";
  id: string;
  team: string;
  key: string;
  incident: boolean;
  state: string;
  stateReason: string | null;
  createdAt: number;
  closedAt: number | null;
  gone: boolean;
  /** False when the source did not tell when it opened (`createdAt` is then a stand-in). */
  createdKnown?: boolean;
  /** The service an incident is of, when the source names one (CDEvents). */
  service?: string;
}

/** A tag that is a deployment (a pushed tag, or one the git importer found). */
export interface TagFact {
  t: "tag";
  id: string;
  team: string;
  repo: string;
  environment: string;
  gone: boolean;
  commitShas: string[];
  /** When it was deployed, when that is not the fact's own instant (the git importer's tags). */
  finishedAt?: number;
}

/** A pull request the git importer found (a merge commit or a squash commit). */
export interface GitPrFact {
  t: "gitpr";
  id: string;
  team: string;
  repo: string;
  sha: string;
  firstCommitAt: number;
  openedAt: number;
  mergedAt: number;
  workItemId: string | null;
}

/** A deployment told once, whole, when it was done (a CDEvents `service.deployed`). */
export interface DeployedFact {
  t: "deployed";
  id: string;
  team: string;
  environment: string;
  status: "success" | "failure";
  service: string | null;
  repo: string | null;
  commitShas: string[];
}

/**
 * One change of an incident's state at the fact's instant (PagerDuty): opened (triggered, reopened)
 * or resolved. The record runs from the first opening to the last resolution, open while the newest
 * change is an opening.
 */
export interface IncidentFact {
  t: "incident";
  id: string;
  team: string;
  /** When the incident was first opened, as the event says (PagerDuty's `created_at`). */
  openedAt: number | null;
  state: "open" | "resolved";
}

/** A ticket's state at the fact's instant (Jira), with the moves into work that this event shows. */
export interface WorkItemFact {
  t: "workitem";
  id: string;
  team: string;
  key: string;
  createdAt: number;
  resolvedAt: number | null;
  /** The instants at which it moved into an in-progress status, as far as this event knows. */
  started: number[];
  gone: boolean;
}

export type FactData =
  | PrFact
  | CommitsFact
  | PushFact
  | DeploymentStatusFact
  | RunFact
  | IssueFact
  | TagFact
  | GitPrFact
  | DeployedFact
  | IncidentFact
  | WorkItemFact;

/** What mapping one event gives: its facts, or why it gives none. */
export type Extracted =
  { status: "mapped"; facts: Fact[] } | { status: "unmapped" | "ignored" | "failed"; reason: string; facts?: never };

export interface SourceEvent {
  type: string;
  body: unknown;
  receivedAt: number;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
