// The records each metric counts (spec §4.3–§4.7), as populations anchored at their instants.
// Records outside the scope's teams or the export's window are dropped before any linking.
import {
  isProduction,
  isSuccessfulProduction,
  linkPullRequestBuilds,
  linkPullRequestWorkItems,
  linkWorkItemAssociations,
  makeDeploymentLinker,
} from "../linking";
import { deploymentFailures, linkRecoveries } from "../recoveries";
import type { PullRequest, WorkItem } from "../types";
import { DAY_MS } from "../zone";
import { newPopulation, type Population } from "./buckets";
import type { Dataset } from "./types";

/** Team id → index in the scope's depth-first list; records of other teams are left out. */
export type ScopeIndex = ReadonlyMap<string, number>;

/** The export's half-open instant window [startMs, endMs). */
export interface Window {
  startMs: number;
  endMs: number;
}

export const LTTC_COLS = { PLANNING: 0, CODING: 1, REVIEW: 2, BUILD: 3, DEPLOY: 4, LTTC: 5 } as const;

/**
 * Merged PRs of the scope whose deployment (t5) falls in the window, with their stages in days (setStages).
 */
export function lttcPopulation(ds: Dataset, scope: ScopeIndex, w: Window): Population {
  const link = makeDeploymentLinker(ds.deployments);
  const prs: PullRequest[] = [];
  const teams = new Int32Array(ds.pullRequests.length);
  const deployedAt = new Float64Array(ds.pullRequests.length);
  for (const pr of ds.pullRequests) {
    if (pr.mergedAt === null) continue;
    const t = scope.get(pr.teamId);
    if (t === undefined) continue;
    const t5 = link(pr);
    if (!(t5 >= w.startMs && t5 < w.endMs)) continue;
    teams[prs.length] = t;
    deployedAt[prs.length] = t5;
    prs.push(pr);
  }
  const builtAt = linkPullRequestBuilds(prs, ds.builds);
  const createdAt = linkPullRequestWorkItems(prs, ds.workItems);

  const pop = newPopulation(prs.length, 6);
  for (let i = 0; i < prs.length; i++) {
    const pr = prs[i]!;
    setStages(pop, i, teams[i]!, {
      t0: createdAt[i]!,
      t1: pr.firstCommitAt,
      t2: pr.openedAt,
      t3: pr.mergedAt!,
      t4: builtAt[i]!,
      t5: deployedAt[i]!,
    });
  }
  pop.n = prs.length;
  return pop;
}

/** A merged PR's instants as linked: t0 (work item created) and t4 (build) may be NaN; t5 is present. */
export interface PrInstants {
  t0: number;
  t1: number;
  t2: number;
  t3: number;
  t4: number;
  t5: number;
}

/**
 * Writes record k of an LTTC population: anchored at t5, stages in days (LTTC_COLS). Times are made
 * monotone from the end: each present t becomes the minimum of itself and the present t's after it,
 * so the lead time runs from the earliest evidence of work to the deployment.
 */
export function setStages(pop: Population, k: number, team: number, t: PrInstants): void {
  const { t5 } = t;
  const hasT0 = t.t0 === t.t0;
  const hasT4 = t.t4 === t.t4;
  const t4 = hasT4 ? Math.min(t.t4, t5) : Number.NaN;
  const t3 = Math.min(t.t3, hasT4 ? t4 : t5);
  const t2 = Math.min(t.t2, t3);
  const t1 = Math.min(t.t1, t2);
  const t0 = hasT0 ? Math.min(t.t0, t1) : Number.NaN;
  const c = pop.cols;
  pop.team[k] = team;
  pop.at[k] = t5;
  c[LTTC_COLS.PLANNING]![k] = hasT0 ? (t1 - t0) / DAY_MS : Number.NaN;
  c[LTTC_COLS.CODING]![k] = (t2 - t1) / DAY_MS;
  c[LTTC_COLS.REVIEW]![k] = (t3 - t2) / DAY_MS;
  c[LTTC_COLS.BUILD]![k] = hasT4 ? (t4 - t3) / DAY_MS : Number.NaN;
  c[LTTC_COLS.DEPLOY]![k] = (t5 - (hasT4 ? t4 : t3)) / DAY_MS;
  c[LTTC_COLS.LTTC]![k] = (t5 - (hasT0 ? t0 : t1)) / DAY_MS;
}

export const DEPLOY_COLS = { SUCCESS: 0, FAILURE: 1 } as const;

const inWindow = (ms: number, w: Window) => ms >= w.startMs && ms < w.endMs;

/**
 * Production deployments of the scope in the window, anchored at finishedAt: success (DF counts
 * these) and failure flags (status failure, or the deployment of at least one incident of any team).
 */
export function deploymentPopulation(ds: Dataset, scope: ScopeIndex, w: Window, withFailures: boolean): Population {
  const failed = withFailures ? failuresOf(ds) : new Uint8Array(ds.deployments.length);
  const pop = newPopulation(ds.deployments.length, 2);
  const [success, failure] = pop.cols as [Float64Array, Float64Array];
  let k = 0;
  ds.deployments.forEach((d, i) => {
    if (!inWindow(d.finishedAt, w)) return;
    const t = scope.get(d.teamId);
    if (t === undefined || !isProduction(d.environment)) return;
    pop.team[k] = t;
    pop.at[k] = d.finishedAt;
    success[k] = d.status === "success" ? 1 : 0;
    failure[k] = d.status === "failure" || failed[i] === 1 ? 1 : 0;
    k++;
  });
  pop.n = k;
  return pop;
}

/** Incidents of the scope resolved in the window, anchored at resolvedAt, with their duration in days (0 when negative). */
export function incidentPopulation(ds: Dataset, scope: ScopeIndex, w: Window): Population {
  const pop = newPopulation(ds.incidents.length, 1);
  const duration = pop.cols[0]!;
  let k = 0;
  for (const inc of ds.incidents) {
    if (inc.resolvedAt === null || !inWindow(inc.resolvedAt, w)) continue;
    const t = scope.get(inc.teamId);
    if (t === undefined) continue;
    pop.team[k] = t;
    pop.at[k] = inc.resolvedAt;
    duration[k] = Math.max(0, inc.resolvedAt - inc.openedAt) / DAY_MS;
    k++;
  }
  pop.n = k;
  return pop;
}

/** Work items of the scope resolved in the window, anchored at resolvedAt, flagged when a PR (of any team) names them. */
export function workItemPopulation(ds: Dataset, scope: ScopeIndex, w: Window): Population {
  const items: WorkItem[] = [];
  const teams: number[] = [];
  for (const item of ds.workItems) {
    if (item.resolvedAt === null || !inWindow(item.resolvedAt, w)) continue;
    const t = scope.get(item.teamId);
    if (t === undefined) continue;
    items.push(item);
    teams.push(t);
  }
  const associated = linkWorkItemAssociations(items, ds.pullRequests);
  const pop = newPopulation(items.length, 1);
  items.forEach((item, i) => {
    pop.team[i] = teams[i]!;
    pop.at[i] = item.resolvedAt!;
    pop.cols[0]![i] = associated[i]!;
  });
  pop.n = items.length;
  return pop;
}

// A dataset's failures and recoveries, linked once however many populations read them (the
// deployments, FDRT and rework records of one dataset are built one after the other).
const failuresMemo = new WeakMap<Dataset, Uint8Array>();
const recoveriesMemo = new WeakMap<Dataset, Int32Array>();

/** For each deployment of the dataset, 1 when it is a failure under §4.5 (recoveries.ts). */
export function failuresOf(ds: Dataset): Uint8Array {
  let failed = failuresMemo.get(ds);
  if (!failed) failuresMemo.set(ds, (failed = deploymentFailures(ds.deployments, ds.incidents)));
  return failed;
}

/** For each deployment of the dataset, the index of its recovery under §4.11, or -1. */
export function recoveriesOf(ds: Dataset): Int32Array {
  let rec = recoveriesMemo.get(ds);
  if (!rec) recoveriesMemo.set(ds, (rec = linkRecoveries(ds.deployments, failuresOf(ds))));
  return rec;
}

/**
 * Failed production deployments of the scope whose recovery finished in the window, anchored at
 * the recovery's finishedAt, with the recovery time in days (§4.11). A recovery is of the failed
 * deployment's own team, so the record is that team's.
 */
export function fdrtPopulation(ds: Dataset, scope: ScopeIndex, w: Window): Population {
  const recovery = recoveriesOf(ds);
  const pop = newPopulation(ds.deployments.length, 1);
  const days = pop.cols[0]!;
  let k = 0;
  ds.deployments.forEach((d, i) => {
    const r = recovery[i]!;
    if (r < 0) return;
    const recoveredAt = ds.deployments[r]!.finishedAt;
    if (!inWindow(recoveredAt, w)) return;
    const t = scope.get(d.teamId);
    if (t === undefined) return;
    pop.team[k] = t;
    pop.at[k] = recoveredAt;
    days[k] = (recoveredAt - d.finishedAt) / DAY_MS;
    k++;
  });
  pop.n = k;
  return pop;
}

/**
 * Successful production deployments of the scope in the window (DF's population), anchored at
 * finishedAt, flagged 1 when they are the recovery of at least one failed deployment (§4.12).
 */
export function reworkPopulation(ds: Dataset, scope: ScopeIndex, w: Window): Population {
  const recovery = recoveriesOf(ds);
  const rework = new Uint8Array(ds.deployments.length);
  for (const r of recovery) if (r >= 0) rework[r] = 1;
  const pop = newPopulation(ds.deployments.length, 1);
  let k = 0;
  ds.deployments.forEach((d, i) => {
    if (!inWindow(d.finishedAt, w) || !isSuccessfulProduction(d)) return;
    const t = scope.get(d.teamId);
    if (t === undefined) return;
    pop.team[k] = t;
    pop.at[k] = d.finishedAt;
    pop.cols[0]![k] = rework[i]!;
    k++;
  });
  pop.n = k;
  return pop;
}

export type StageDays = Record<"PLANNING" | "CODING" | "REVIEW" | "BUILD" | "DEPLOY", number | null>;

/** One PR's stages and lead time in days, by the rule of setStages (absent stages are null). */
export function stagesOf(t: PrInstants): { stages: StageDays; lttcDays: number } {
  const pop = newPopulation(1, 6);
  setStages(pop, 0, 0, t);
  const v = (c: number) => (Number.isNaN(pop.cols[c]![0]!) ? null : pop.cols[c]![0]!);
  return {
    stages: {
      PLANNING: v(LTTC_COLS.PLANNING),
      CODING: v(LTTC_COLS.CODING),
      REVIEW: v(LTTC_COLS.REVIEW),
      BUILD: v(LTTC_COLS.BUILD),
      DEPLOY: v(LTTC_COLS.DEPLOY),
    },
    lttcDays: pop.cols[LTTC_COLS.LTTC]![0]!,
  };
}
