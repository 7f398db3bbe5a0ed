// Records grouped for fast roll-up. Records are counting-sorted by (period, team's depth-first
// index), so a team's subtree in one period is one contiguous slice: figures of a team and all its
// descendants are read from a slice instead of being gathered per ancestor.
import { aggregateInPlace } from "../aggregate";
import type { Aggregation } from "../types";

/** Records of one kind: scope team index, anchor instant and value columns (NaN = absent). */
export interface Population {
  n: number;
  team: Int32Array;
  at: Float64Array;
  cols: Float64Array[];
}

export function newPopulation(capacity: number, nCols: number): Population {
  return {
    n: 0,
    team: new Int32Array(capacity),
    at: new Float64Array(capacity),
    cols: Array.from({ length: nCols }, () => new Float64Array(capacity)),
  };
}

export interface Buckets {
  nTeams: number;
  nPeriods: number;
  /** starts[p·nTeams + t] is the first record of team t in period p; one extra entry at the end. */
  starts: Int32Array;
  cols: Float64Array[];
}

/**
 * Groups the population by (period, team), reordering its columns in place (an export's columns
 * run to tens of megabytes; a copy would cost a major garbage collection). Records outside every
 * period go after the last bucket.
 */
export function bucketize(pop: Population, locate: (ms: number) => number, nPeriods: number, nTeams: number): Buckets {
  const nKeys = nPeriods * nTeams;
  const key = new Int32Array(pop.n);
  const starts = new Int32Array(nKeys + 2);
  for (let i = 0; i < pop.n; i++) {
    const p = locate(pop.at[i]!);
    const k = p < 0 ? nKeys : p * nTeams + pop.team[i]!;
    key[i] = k;
    starts[k + 1]!++;
  }
  for (let k = 0; k <= nKeys; k++) starts[k + 1]! += starts[k]!;
  // key becomes each record's destination.
  const next = starts.slice(0, nKeys + 1);
  for (let i = 0; i < pop.n; i++) key[i] = next[key[i]!]!++;
  const done = new Uint8Array(pop.n);
  for (const col of pop.cols) permuteInPlace(col, key, done, pop.n);
  return { nTeams, nPeriods, starts: starts.subarray(0, nKeys + 1), cols: pop.cols };
}

/** Moves values[i] to values[dst[i]] for every i, following each cycle once. */
function permuteInPlace(values: Float64Array, dst: Int32Array, done: Uint8Array, n: number): void {
  done.fill(0);
  for (let i = 0; i < n; i++) {
    if (done[i] === 1) continue;
    let v = values[i]!;
    let j = dst[i]!;
    done[i] = 1;
    while (j !== i) {
      const w = values[j]!;
      values[j] = v;
      done[j] = 1;
      v = w;
      j = dst[j]!;
    }
    values[i] = v;
  }
}

/**
 * A team's subtree (scope indexes [team, end)) in one period, or in every period when `period`
 * is -1 (the summary row): the slices [starts[p·n + team], starts[p·n + end]) of the sorted columns.
 */
export interface Cell {
  team: number;
  end: number;
  period: number;
}

function periodsOf(b: Buckets, cell: Cell): [number, number] {
  return cell.period < 0 ? [0, b.nPeriods] : [cell.period, cell.period + 1];
}

export function countOf(b: Buckets, cell: Cell): number {
  const [p0, p1] = periodsOf(b, cell);
  let n = 0;
  for (let p = p0; p < p1; p++) n += b.starts[p * b.nTeams + cell.end]! - b.starts[p * b.nTeams + cell.team]!;
  return n;
}

export function sumOf(b: Buckets, col: number, cell: Cell): number {
  const values = b.cols[col]!;
  const [p0, p1] = periodsOf(b, cell);
  let sum = 0;
  for (let p = p0; p < p1; p++) {
    const to = b.starts[p * b.nTeams + cell.end]!;
    for (let i = b.starts[p * b.nTeams + cell.team]!; i < to; i++) sum += values[i]!;
  }
  return sum;
}

/** The aggregation of the present (non-NaN) values of a column in a cell; `scratch` must hold them. */
export function aggregateOf(
  b: Buckets,
  col: number,
  cell: Cell,
  agg: Aggregation,
  scratch: Float64Array,
): number | null {
  const values = b.cols[col]!;
  const [p0, p1] = periodsOf(b, cell);
  let n = 0;
  for (let p = p0; p < p1; p++) {
    const to = b.starts[p * b.nTeams + cell.end]!;
    for (let i = b.starts[p * b.nTeams + cell.team]!; i < to; i++) {
      const v = values[i]!;
      if (v === v) scratch[n++] = v;
    }
  }
  return aggregateInPlace(scratch, n, agg);
}
