// Every team's records of each population, with no window: figures of any range and any scope
// are read from them (the engine keeps them per data version, so an export need not link again).
// Records keep the dataset's order, so a windowed population equals the one built directly.
import type { Team } from "../types";
import { newPopulation, type Population } from "./buckets";
import {
  deploymentPopulation,
  fdrtPopulation,
  incidentPopulation,
  lttcPopulation,
  reworkPopulation,
  workItemPopulation,
  type Window,
} from "./populations";
import type { Dataset } from "./types";

export const RECORD_KINDS = ["lttc", "deployments", "incidents", "workItems", "fdrt", "rework"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/**
 * Value columns per kind (populations.ts: LTTC_COLS, DEPLOY_COLS, a duration, an association flag,
 * a recovery time, a rework flag).
 */
export const RECORD_COLS: Readonly<Record<RecordKind, number>> = {
  lttc: 6,
  deployments: 2,
  incidents: 1,
  workItems: 1,
  fdrt: 1,
  rework: 1,
};

/** One team's records of one kind, flat: n anchors, then each value column's n values. */
export interface TeamRecords {
  n: number;
  data: Float64Array;
}

/** Records by kind, then by team id; a kind absent was not needed, a team absent has none. */
export type RecordSets = Partial<Record<RecordKind, ReadonlyMap<string, TeamRecords>>>;

const ALL_TIME: Window = { startMs: Number.NEGATIVE_INFINITY, endMs: Number.POSITIVE_INFINITY };

function allTime(ds: Dataset, kind: RecordKind, scope: ReadonlyMap<string, number>): Population {
  switch (kind) {
    case "lttc":
      return lttcPopulation(ds, scope, ALL_TIME);
    case "deployments":
      return deploymentPopulation(ds, scope, ALL_TIME, true);
    case "incidents":
      return incidentPopulation(ds, scope, ALL_TIME);
    case "workItems":
      return workItemPopulation(ds, scope, ALL_TIME);
    case "fdrt":
      return fdrtPopulation(ds, scope, ALL_TIME);
    case "rework":
      return reworkPopulation(ds, scope, ALL_TIME);
  }
}

/** Splits a population of every team (team = index in `teams`) into per-team records. */
export function splitByTeam(pop: Population, teams: readonly Team[]): Map<string, TeamRecords> {
  const counts = new Int32Array(teams.length);
  for (let i = 0; i < pop.n; i++) counts[pop.team[i]!]!++;
  const out = new Map<string, TeamRecords>();
  const fill = new Int32Array(teams.length);
  const slots: Float64Array[] = [];
  const width = pop.cols.length + 1;
  teams.forEach((team, t) => {
    slots[t] = new Float64Array(counts[t]! * width);
    if (counts[t]! > 0) out.set(team.id, { n: counts[t]!, data: slots[t]! });
  });
  for (let i = 0; i < pop.n; i++) {
    const t = pop.team[i]!;
    const n = counts[t]!;
    const data = slots[t]!;
    const k = fill[t]!++;
    data[k] = pop.at[i]!;
    for (let c = 0; c < pop.cols.length; c++) data[(c + 1) * n + k] = pop.cols[c]![i]!;
  }
  return out;
}

/** The records of the kinds asked for, of every team of the dataset. */
export function recordSetsOf(ds: Dataset, kinds: readonly RecordKind[] = RECORD_KINDS): RecordSets {
  const scope = new Map<string, number>();
  ds.teams.forEach((team, i) => scope.set(team.id, i));
  const out: RecordSets = {};
  for (const kind of kinds) out[kind] = splitByTeam(allTime(ds, kind, scope), ds.teams);
  return out;
}

/** The population of the scope's teams (team = index in `teamIds`) whose anchors fall in the window. */
export function windowPopulation(
  records: ReadonlyMap<string, TeamRecords>,
  teamIds: readonly string[],
  nCols: number,
  w: Window,
): Population {
  let total = 0;
  for (const id of teamIds) {
    const r = records.get(id);
    if (!r) continue;
    for (let i = 0; i < r.n; i++) if (r.data[i]! >= w.startMs && r.data[i]! < w.endMs) total++;
  }
  const pop = newPopulation(total, nCols);
  let k = 0;
  teamIds.forEach((id, t) => {
    const r = records.get(id);
    if (!r) return;
    const { n, data } = r;
    for (let i = 0; i < n; i++) {
      const at = data[i]!;
      if (!(at >= w.startMs && at < w.endMs)) continue;
      pop.team[k] = t;
      pop.at[k] = at;
      for (let c = 0; c < nCols; c++) pop.cols[c]![k] = data[(c + 1) * n + i]!;
      k++;
    }
  });
  pop.n = k;
  return pop;
}
