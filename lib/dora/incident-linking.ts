// An incident's deployment (spec §4.5): only the deployments that incidents can name are indexed.
import { isSuccessfulProduction, lowerBound } from "./linking";
import type { Deployment, Incident } from "./types";

export const INCIDENT_WINDOW_MS = 7 * 86_400_000;

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
