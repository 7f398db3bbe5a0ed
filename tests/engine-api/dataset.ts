// A small hand-made organisation for request-level tests: Platform (root) with one child,
// Payments, in the org tree "Engineering". end-to-end.test.ts computes its figures by hand.
import { ingestOk, type CallOptions } from "./helpers";

export const ORG_TREE = "Engineering";
export const PLATFORM = { id: "plat", name: "Platform", refId: 101 };
export const PAYMENTS = { id: "pay", name: "Payments", refId: 102 };

export const TEAMS = [
  { id: PLATFORM.id, name: PLATFORM.name, orgTree: ORG_TREE, refId: PLATFORM.refId, parentId: null },
  { id: PAYMENTS.id, name: PAYMENTS.name, orgTree: ORG_TREE, refId: PAYMENTS.refId, parentId: PLATFORM.id },
];

export const WORK_ITEMS = [
  { id: "wi1", teamId: "pay", key: "PAY-1", createdAt: "2026-01-01T00:00:00Z", resolvedAt: "2026-01-10T00:00:00Z" },
  { id: "wi2", teamId: "plat", key: "PLAT-1", createdAt: "2026-01-02T00:00:00Z", resolvedAt: "2026-01-20T00:00:00Z" },
];

export const PULL_REQUESTS = [
  {
    id: "pr1",
    teamId: "pay",
    repository: "svc-pay",
    workItemId: "wi1",
    mergeCommitSha: "sha1",
    firstCommitAt: "2026-01-02T00:00:00Z",
    openedAt: "2026-01-03T00:00:00Z",
    mergedAt: "2026-01-04T00:00:00Z",
  },
  {
    id: "pr2",
    teamId: "plat",
    repository: "svc-core",
    mergeCommitSha: "sha2",
    firstCommitAt: "2026-01-10T00:00:00Z",
    openedAt: "2026-01-10T12:00:00Z",
    mergedAt: "2026-01-11T00:00:00Z",
  },
  {
    id: "pr3",
    teamId: "pay",
    repository: "svc-pay",
    mergeCommitSha: "sha3",
    firstCommitAt: "2026-02-01T00:00:00Z",
    openedAt: "2026-02-02T00:00:00Z",
    mergedAt: "2026-02-03T00:00:00Z",
  },
];

export const BUILDS = [
  // A failed build of the same commit finishes first: it must not be pr1's build.
  { id: "b0", repository: "svc-pay", commitSha: "sha1", status: "failure", finishedAt: "2026-01-04T06:00:00Z" },
  { id: "b1", repository: "svc-pay", commitSha: "sha1", status: "success", finishedAt: "2026-01-04T12:00:00Z" },
];

export const DEPLOYMENTS = [
  {
    id: "d1",
    teamId: "pay",
    environment: "production",
    status: "success",
    finishedAt: "2026-01-05T00:00:00Z",
    pullRequestIds: ["pr1"],
  },
  {
    id: "d2",
    teamId: "plat",
    environment: "prod",
    status: "success",
    finishedAt: "2026-01-13T00:00:00Z",
    commitShas: ["sha2"],
  },
  {
    id: "d3",
    teamId: "pay",
    environment: "PRODUCTION",
    status: "success",
    finishedAt: "2026-02-10T00:00:00Z",
    pullRequestIds: ["pr3"],
  },
  { id: "d4", teamId: "pay", environment: "production", status: "failure", finishedAt: "2026-02-15T00:00:00Z" },
  {
    id: "d5",
    teamId: "pay",
    environment: "staging",
    status: "success",
    finishedAt: "2026-02-16T00:00:00Z",
    pullRequestIds: ["pr3"],
  },
  {
    id: "d6",
    teamId: "plat",
    environment: "production",
    status: "success",
    finishedAt: "2026-02-20T00:00:00Z",
    repository: "other",
  },
];

export const INCIDENTS = [
  // No deploymentId: pinned to d3, pay's latest successful production deployment within 7 days.
  { id: "inc1", teamId: "pay", openedAt: "2026-02-11T00:00:00Z", resolvedAt: "2026-02-11T12:00:00Z" },
  {
    id: "inc2",
    teamId: "plat",
    openedAt: "2026-01-20T00:00:00Z",
    resolvedAt: "2026-01-22T00:00:00Z",
    deploymentId: "d2",
  },
  // Unresolved, and no deployment within 7 days before it: counts nowhere.
  { id: "inc3", teamId: "pay", openedAt: "2026-02-25T00:00:00Z" },
];

/** Ingests the whole organisation through POST /v2/ingest/*. */
export async function ingestDataset(opts?: CallOptions): Promise<void> {
  await ingestOk("teams", TEAMS, opts);
  await ingestOk("work-items", WORK_ITEMS, opts);
  await ingestOk("pull-requests", PULL_REQUESTS, opts);
  await ingestOk("builds", BUILDS, opts);
  await ingestOk("deployments", DEPLOYMENTS, opts);
  await ingestOk("incidents", INCIDENTS, opts);
}
