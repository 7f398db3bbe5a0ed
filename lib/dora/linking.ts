// The linking rules, stated once (spec §4.3, §4.5): a pull request's deployment (rules a, b, c),
// its build and its work item, a work item's pull requests, and an incident's deployment. The
// legacy report links with these; the store keeps the same links at ingestion (a test keeps the
// two equal). Indexes are built once per export, on the smaller side of
// each join where possible; each look-up is a map hit or a binary search. Maps of a million
// string keys dominate an export's time, so none is built that the export does not need.
import type { Build, Deployment, Incident, PullRequest, WorkItem } from "./types";
import { DAY_MS } from "./zone";

export function isProduction(environment: string): boolean {
  if (environment === "production" || environment === "prod") return true;
  const n = environment.length;
  if (n !== 4 && n !== 10) return false;
  const e = environment.toLowerCase();
  return e === "production" || e === "prod";
}

export function isSuccessfulProduction(d: Deployment): boolean {
  return d.status === "success" && isProduction(d.environment);
}

/** Keeps in `map` the index (a small integer, stored unboxed) of the earliest-finishing deployment per key. */
function keepEarliest(map: Map<string, number>, key: string, i: number, finishedAt: Float64Array): void {
  const cur = map.get(key);
  if (cur === undefined || finishedAt[i]! < finishedAt[cur]!) map.set(key, i);
}

/** Index of the first element of a sorted array that is >= x, or > x when `strict` (length when none). */
export function lowerBound(sorted: Float64Array, x: number, strict = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v < x || (strict && v === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A function giving a PR's deployment finishedAt (t5), or NaN. The deployment is the
 * earliest-finishing successful production deployment of any team that (a) lists the PR's id, or
 * (b) lists its mergeCommitSha, or (c) lists neither, has its repository, and finished at or after
 * mergedAt. Read literally, only (c) requires finishing after the merge. Unmerged PRs never link.
 */
export function makeDeploymentLinker(deployments: readonly Deployment[]): (pr: PullRequest) => number {
  const finishedAt = Float64Array.from(deployments, (d) => d.finishedAt);
  const byPr = new Map<string, number>();
  const bySha = new Map<string, number>();
  const unlisted = new Map<string, number[]>();
  deployments.forEach((d, i) => {
    if (!isSuccessfulProduction(d)) return;
    for (const id of d.pullRequestIds) keepEarliest(byPr, id, i, finishedAt);
    for (const sha of d.commitShas) keepEarliest(bySha, sha, i, finishedAt);
    if (d.pullRequestIds.length === 0 && d.commitShas.length === 0 && d.repository !== null) {
      const list = unlisted.get(d.repository);
      if (list) list.push(d.finishedAt);
      else unlisted.set(d.repository, [d.finishedAt]);
    }
  });
  const byRepo = new Map<string, Float64Array>();
  for (const [repo, list] of unlisted) byRepo.set(repo, Float64Array.from(list).sort());

  return (pr) => {
    if (pr.mergedAt === null) return Number.NaN;
    let t = Infinity;
    const a = byPr.size > 0 ? byPr.get(pr.id) : undefined;
    if (a !== undefined) t = finishedAt[a]!;
    const b = pr.mergeCommitSha !== null && bySha.size > 0 ? bySha.get(pr.mergeCommitSha) : undefined;
    if (b !== undefined) t = Math.min(t, finishedAt[b]!);
    const repo = byRepo.size > 0 ? byRepo.get(pr.repository) : undefined;
    if (repo) {
      const j = lowerBound(repo, pr.mergedAt);
      if (j < repo.length) t = Math.min(t, repo[j]!);
    }
    return t === Infinity ? Number.NaN : t;
  };
}

/** For each PR, its deployment's finishedAt (t5) or NaN; see makeDeploymentLinker. */
export function linkPullRequestDeployments(
  prs: readonly PullRequest[],
  deployments: readonly Deployment[],
): Float64Array {
  const link = makeDeploymentLinker(deployments);
  return Float64Array.from(prs, link);
}

/**
 * For each PR, the finishedAt of the earliest successful build of its repository at its
 * mergeCommitSha (t4), or NaN. Indexes the PRs, not the builds: an export usually needs fewer.
 * Keyed by sha alone (hashing a million repository names costs more than the rare clash of one
 * sha in two repositories, which falls back to a second map).
 */
export function linkPullRequestBuilds(prs: readonly PullRequest[], builds: readonly Build[]): Float64Array {
  const bySha = new Map<string, number>();
  const byRepoSha = new Map<string, number>(); // "repository\0sha" of a sha already taken by another repository
  const slotRepo: string[] = [];
  const prSlot = new Int32Array(prs.length).fill(-1);
  for (let i = 0; i < prs.length; i++) {
    const pr = prs[i]!;
    const sha = pr.mergeCommitSha;
    if (pr.mergedAt === null || sha === null) continue;
    let slot = bySha.get(sha);
    if (slot === undefined) {
      bySha.set(sha, (slot = slotRepo.length));
      slotRepo.push(pr.repository);
    } else if (slotRepo[slot] !== pr.repository) {
      const key = `${pr.repository}\0${sha}`;
      slot = byRepoSha.get(key);
      if (slot === undefined) {
        byRepoSha.set(key, (slot = slotRepo.length));
        slotRepo.push(pr.repository);
      }
    }
    prSlot[i] = slot;
  }
  const earliest = new Float64Array(slotRepo.length).fill(Infinity);
  for (const b of builds) {
    if (b.status !== "success") continue;
    let slot = bySha.get(b.commitSha);
    if (slot === undefined) continue;
    if (slotRepo[slot] !== b.repository) {
      if (byRepoSha.size === 0) continue;
      slot = byRepoSha.get(`${b.repository}\0${b.commitSha}`);
      if (slot === undefined) continue;
    }
    if (b.finishedAt < earliest[slot]!) earliest[slot] = b.finishedAt;
  }
  const out = new Float64Array(prs.length).fill(Number.NaN);
  for (let i = 0; i < prs.length; i++) {
    const slot = prSlot[i]!;
    if (slot >= 0 && earliest[slot]! !== Infinity) out[i] = earliest[slot]!;
  }
  return out;
}

/** For each PR, its linked work item's createdAt (t0, a work item of any team), or NaN. */
export function linkPullRequestWorkItems(prs: readonly PullRequest[], workItems: readonly WorkItem[]): Float64Array {
  const slots = new Map<string, number>();
  const prSlot = new Int32Array(prs.length).fill(-1);
  for (let i = 0; i < prs.length; i++) {
    const id = prs[i]!.workItemId;
    if (id === null) continue;
    let slot = slots.get(id);
    if (slot === undefined) slots.set(id, (slot = slots.size));
    prSlot[i] = slot;
  }
  const createdAt = new Float64Array(slots.size).fill(Number.NaN);
  if (slots.size > 0) {
    for (const w of workItems) {
      const slot = slots.get(w.id);
      if (slot !== undefined) createdAt[slot] = w.createdAt;
    }
  }
  return Float64Array.from(prSlot, (slot) => (slot >= 0 ? createdAt[slot]! : Number.NaN));
}

/** For each work item, whether at least one PR (of any team) names it. */
export function linkWorkItemAssociations(workItems: readonly WorkItem[], prs: readonly PullRequest[]): Uint8Array {
  const index = new Map<string, number>();
  workItems.forEach((w, i) => index.set(w.id, i));
  const out = new Uint8Array(workItems.length);
  if (index.size === 0) return out;
  for (const pr of prs) {
    if (pr.workItemId === null) continue;
    const i = index.get(pr.workItemId);
    if (i !== undefined) out[i] = 1;
  }
  return out;
}

// An incident's deployment (spec §4.5): only the deployments that incidents can name are indexed.

export const INCIDENT_WINDOW_MS = 7 * DAY_MS;

/** One team's (or one team-and-service's) successful production deployments, by (finishedAt, id). */
interface Candidates {
  finishedAt: Float64Array;
  index: Int32Array;
}

function candidates(deployments: readonly Deployment[], idx: number[]): Candidates {
  idx.sort((a, b) => {
    const da = deployments[a]!;
    const db = deployments[b]!;
    return da.finishedAt - db.finishedAt || (da.id < db.id ? -1 : da.id > db.id ? 1 : 0);
  });
  return { finishedAt: Float64Array.from(idx, (i) => deployments[i]!.finishedAt), index: Int32Array.from(idx) };
}

/** The last candidate finishing in [openedAt − 7 days, openedAt] (ties: the greatest id), or -1. */
function latestBefore(c: Candidates | undefined, openedAt: number): number {
  if (!c) return -1;
  const j = lowerBound(c.finishedAt, openedAt, true) - 1;
  if (j < 0 || c.finishedAt[j]! < openedAt - INCIDENT_WINDOW_MS) return -1;
  return c.index[j]!;
}

const SEP = "\u0000";

/**
 * For each incident, the index in `deployments` of its deployment, or -1: its deploymentId when that
 * deployment exists; else the latest-finishing successful production deployment of its team (and
 * its service, when it names one) that finished at or before openedAt and at most 7 days before.
 */
export function linkIncidentDeployments(
  incidents: readonly Incident[],
  deployments: readonly Deployment[],
): Int32Array {
  const named = new Map<string, number>();
  const keys = new Set<string>(); // "team" or "team\0service" of incidents that need the window
  const serviceTeams = new Set<string>();
  for (const inc of incidents) {
    if (inc.deploymentId !== null) named.set(inc.deploymentId, -1);
    keys.add(inc.service === null ? inc.teamId : inc.teamId + SEP + inc.service);
    if (inc.service !== null) serviceTeams.add(inc.teamId);
  }
  const groups = new Map<string, number[]>();
  deployments.forEach((d, i) => {
    if (named.has(d.id)) named.set(d.id, i);
    if (!isSuccessfulProduction(d)) return;
    if (keys.has(d.teamId)) push(groups, d.teamId, i);
    if (d.service !== null && serviceTeams.has(d.teamId)) {
      const key = d.teamId + SEP + d.service;
      if (keys.has(key)) push(groups, key, i);
    }
  });
  const cands = new Map<string, Candidates>();
  for (const [key, idx] of groups) cands.set(key, candidates(deployments, idx));

  return Int32Array.from(incidents, (inc) => {
    const direct = inc.deploymentId === null ? -1 : named.get(inc.deploymentId)!;
    if (direct >= 0) return direct;
    return latestBefore(cands.get(inc.service === null ? inc.teamId : inc.teamId + SEP + inc.service), inc.openedAt);
  });
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** What a deployment needs of a pull request to link it (rules a, b and c of §4.3). */
export type LinkablePullRequest = Pick<PullRequest, "id" | "repository" | "mergedAt" | "mergeCommitSha">;

/**
 * Whether the deployment links the merged PR under §4.3: a successful production deployment that
 * lists its id, or its merge commit, or lists neither field and has its repository and finished
 * at or after the merge. The PR's deployment is the earliest-finishing of those.
 */
export function linksPullRequest(d: Deployment, pr: LinkablePullRequest): boolean {
  if (pr.mergedAt === null || !isSuccessfulProduction(d)) return false;
  if (d.pullRequestIds.includes(pr.id)) return true;
  if (pr.mergeCommitSha !== null && d.commitShas.includes(pr.mergeCommitSha)) return true;
  return (
    d.pullRequestIds.length === 0 &&
    d.commitShas.length === 0 &&
    d.repository !== null &&
    d.repository === pr.repository &&
    d.finishedAt >= pr.mergedAt
  );
}
