// Failed deployments and their recoveries (spec §4.5, §4.11, §4.12), stated once: the export's
// FDRT and rework figures and the records behind them are read from these.
import { isProduction, isSuccessfulProduction, linkIncidentDeployments, lowerBound } from "./linking";
import type { Deployment, Incident } from "./types";

/**
 * For each deployment, 1 when it is a failure under §4.5: a production deployment whose status is
 * `failure`, or that at least one incident's deployment is (an incident of any team). `linked` is
 * linkIncidentDeployments' answer for the same records, when the caller has it.
 */
export function deploymentFailures(
  deployments: readonly Deployment[],
  incidents: readonly Incident[],
  linked: Int32Array = linkIncidentDeployments(incidents, deployments),
): Uint8Array {
  const failed = new Uint8Array(deployments.length);
  for (const d of linked) if (d >= 0) failed[d] = 1;
  deployments.forEach((d, i) => {
    if (!isProduction(d.environment)) failed[i] = 0;
    else if (d.status === "failure") failed[i] = 1;
  });
  return failed;
}

const SEP = "\u0000";

/**
 * The candidates a failed deployment's recovery is chosen among: same team, and its service when it
 * names one, else its repository when that names one, else any of the team's.
 */
function recoveryKey(d: Deployment): string {
  if (d.service !== null) return `${d.teamId}${SEP}s${SEP}${d.service}`;
  if (d.repository !== null) return `${d.teamId}${SEP}r${SEP}${d.repository}`;
  return d.teamId;
}

const byFinishThenId = (deployments: readonly Deployment[]) => (a: number, b: number) => {
  const da = deployments[a]!;
  const db = deployments[b]!;
  return da.finishedAt - db.finishedAt || (da.id < db.id ? -1 : da.id > db.id ? 1 : 0);
};

/**
 * For each deployment, the index of its recovery (§4.11), or -1 (not failed, or not recovered): the
 * earliest-finishing successful production deployment that is not itself a failure, of the same
 * team, finished strictly after it, with its service when it names one (else its repository when
 * that names one; else any). Equal finishedAt: the smaller id (byte order). `failed` is
 * deploymentFailures' answer for the same deployments.
 */
export function linkRecoveries(deployments: readonly Deployment[], failed: Uint8Array): Int32Array {
  const out = new Int32Array(deployments.length).fill(-1);
  const wanted = new Set<string>();
  deployments.forEach((d, i) => {
    if (failed[i] === 1) wanted.add(recoveryKey(d));
  });
  if (wanted.size === 0) return out;
  const groups = new Map<string, number[]>();
  const add = (key: string, i: number) => {
    if (!wanted.has(key)) return;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  };
  deployments.forEach((d, i) => {
    if (failed[i] === 1 || !isSuccessfulProduction(d)) return;
    add(d.teamId, i);
    if (d.service !== null) add(`${d.teamId}${SEP}s${SEP}${d.service}`, i);
    if (d.repository !== null) add(`${d.teamId}${SEP}r${SEP}${d.repository}`, i);
  });
  const sorted = new Map<string, { finishedAt: Float64Array; index: Int32Array }>();
  const order = byFinishThenId(deployments);
  for (const [key, idx] of groups) {
    idx.sort(order);
    sorted.set(key, {
      finishedAt: Float64Array.from(idx, (i) => deployments[i]!.finishedAt),
      index: Int32Array.from(idx),
    });
  }
  deployments.forEach((d, i) => {
    if (failed[i] !== 1) return;
    const c = sorted.get(recoveryKey(d));
    if (!c) return;
    const j = lowerBound(c.finishedAt, d.finishedAt, true);
    if (j < c.index.length) out[i] = c.index[j]!;
  });
  return out;
}
