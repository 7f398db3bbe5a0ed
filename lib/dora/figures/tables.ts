// Builds the populations an export needs once, then buckets them for a list of periods.
import type { ScopedTeam } from "../hierarchy";
import { makePeriodIndex, type Period } from "../periods";
import type { MetricGroup } from "../types";
import { bucketize, type Population } from "./buckets";
import {
  deploymentPopulation,
  fdrtPopulation,
  incidentPopulation,
  lttcPopulation,
  reworkPopulation,
  workItemPopulation,
  type Window,
} from "./populations";
import { RECORD_COLS, windowPopulation, type RecordKind, type RecordSets } from "./records";
import type { Dataset } from "./types";
import type { Tables } from "./values";

export interface Populations {
  lttc: Population | null;
  deployments: Population | null;
  incidents: Population | null;
  workItems: Population | null;
  fdrt: Population | null;
  rework: Population | null;
  nTeams: number;
}

/** The groups whose figures must be computed: the chosen ones, and all four rated metrics for `rating`. */
export function neededGroups(groups: readonly MetricGroup[]): Set<MetricGroup> {
  const out = new Set(groups);
  if (out.has("rating")) for (const g of ["lttc", "deployment_frequency", "cfr", "mttr"] as const) out.add(g);
  return out;
}

/** The populations of the scope's teams within the window (the whole range). */
export function buildPopulations(
  ds: Dataset,
  teams: readonly ScopedTeam[],
  needs: ReadonlySet<MetricGroup>,
  w: Window,
): Populations {
  const scope = new Map<string, number>();
  teams.forEach((s, i) => scope.set(s.node.team.id, i));
  const deployments = needs.has("deployment_frequency") || needs.has("cfr");
  return {
    lttc: needs.has("lttc") ? lttcPopulation(ds, scope, w) : null,
    deployments: deployments ? deploymentPopulation(ds, scope, w, needs.has("cfr")) : null,
    incidents: needs.has("mttr") ? incidentPopulation(ds, scope, w) : null,
    workItems: needs.has("work_items") ? workItemPopulation(ds, scope, w) : null,
    fdrt: needs.has("fdrt") ? fdrtPopulation(ds, scope, w) : null,
    rework: needs.has("rework") ? reworkPopulation(ds, scope, w) : null,
    nTeams: teams.length,
  };
}

/** The record kinds the groups need. */
export function neededKinds(needs: ReadonlySet<MetricGroup>): RecordKind[] {
  const kinds: RecordKind[] = [];
  if (needs.has("lttc")) kinds.push("lttc");
  if (needs.has("deployment_frequency") || needs.has("cfr")) kinds.push("deployments");
  if (needs.has("mttr")) kinds.push("incidents");
  if (needs.has("work_items")) kinds.push("workItems");
  if (needs.has("fdrt")) kinds.push("fdrt");
  if (needs.has("rework")) kinds.push("rework");
  return kinds;
}

/** As buildPopulations, from every team's records (records.ts); a needed kind must be present. */
export function populationsFromRecords(
  records: RecordSets,
  teams: readonly ScopedTeam[],
  needs: ReadonlySet<MetricGroup>,
  w: Window,
): Populations {
  const ids = teams.map((s) => s.node.team.id);
  const kinds = new Set(neededKinds(needs));
  const pop = (kind: RecordKind) => {
    if (!kinds.has(kind)) return null;
    const sets = records[kind];
    if (!sets) throw new Error(`records of kind ${kind} are missing`);
    return windowPopulation(sets, ids, RECORD_COLS[kind], w);
  };
  return {
    lttc: pop("lttc"),
    deployments: pop("deployments"),
    incidents: pop("incidents"),
    workItems: pop("workItems"),
    fdrt: pop("fdrt"),
    rework: pop("rework"),
    nTeams: teams.length,
  };
}

export function tablesFor(pops: Populations, periods: readonly Period[]): Tables {
  const locate = makePeriodIndex(periods);
  const bucket = (p: Population | null) => (p ? bucketize(p, locate, periods.length, pops.nTeams) : null);
  const largest = Math.max(pops.lttc?.n ?? 0, pops.incidents?.n ?? 0, pops.fdrt?.n ?? 0, 1);
  return {
    lttc: bucket(pops.lttc),
    deployments: bucket(pops.deployments),
    incidents: bucket(pops.incidents),
    workItems: bucket(pops.workItems),
    fdrt: bucket(pops.fdrt),
    rework: bucket(pops.rework),
    scratch: new Float64Array(largest),
  };
}
