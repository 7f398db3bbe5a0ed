// Aggregations (spec §4.8): mean, and percentiles by linear interpolation between closest ranks.
import type { Aggregation } from "./types";

const P: Record<Exclude<Aggregation, "mean">, number> = { median: 0.5, p90: 0.9, p95: 0.95 };

/** The aggregation of `values`, or null when there are none. The input is not modified. */
export function aggregate(values: readonly number[], agg: Aggregation): number | null {
  if (values.length === 0) return null;
  const buf = Float64Array.from(values);
  return aggregateInPlace(buf, buf.length, agg);
}

/** PERCENTILE.INC over sorted values: h = (n−1)·p, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const f = Math.floor(h);
  const lo = sorted[f]!;
  return f + 1 < n ? lo + (h - f) * (sorted[f + 1]! - lo) : lo;
}

/**
 * The aggregation of buf[0..n), reordering buf (quickselect, O(n) on average): the engine calls
 * this on a scratch buffer once per cell, where sorting every cell would dominate the export.
 */
export function aggregateInPlace(buf: Float64Array, n: number, agg: Aggregation): number | null {
  if (n === 0) return null;
  if (agg === "mean") {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += buf[i]!;
    return sum / n;
  }
  const h = (n - 1) * P[agg];
  const f = Math.floor(h);
  select(buf, n, f);
  const lo = buf[f]!;
  if (f + 1 >= n || h === f) return lo;
  let next = Number.POSITIVE_INFINITY;
  for (let i = f + 1; i < n; i++) if (buf[i]! < next) next = buf[i]!;
  return lo + (h - f) * (next - lo);
}

/** Hoare quickselect: afterwards buf[k] is the k-th smallest, smaller ones before it, larger after. */
function select(buf: Float64Array, n: number, k: number): void {
  let left = 0;
  let right = n - 1;
  while (right > left) {
    const pivot = median3(buf[left]!, buf[(left + right) >> 1]!, buf[right]!);
    let i = left;
    let j = right;
    while (i <= j) {
      while (buf[i]! < pivot) i++;
      while (buf[j]! > pivot) j--;
      if (i <= j) {
        const t = buf[i]!;
        buf[i] = buf[j]!;
        buf[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function median3(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}
