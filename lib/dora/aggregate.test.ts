import { describe, expect, it } from "vitest";
import { aggregate, aggregateInPlace, percentileOfSorted } from "./aggregate";
import { AGGREGATIONS } from "./types";

describe("aggregate", () => {
  it.each([
    [[5], "mean", 5],
    [[5], "median", 5],
    [[5], "p90", 5],
    [[5], "p95", 5],
    [[3, 1], "mean", 2],
    [[3, 1], "median", 2],
    [[3, 1], "p90", 2.8],
    [[3, 1], "p95", 2.9],
    [[10, 1, 9, 2, 8, 3, 7, 4, 6, 5], "median", 5.5],
    [[10, 1, 9, 2, 8, 3, 7, 4, 6, 5], "p90", 9.1],
    [[10, 1, 9, 2, 8, 3, 7, 4, 6, 5], "p95", 9.55],
    [[10, 1, 9, 2, 8, 3, 7, 4, 6, 5], "mean", 5.5],
    [[1, 2, 3], "median", 2],
    [[0, 0, 0, 100], "p95", 85],
    [[2, 2, 2, 2, 2], "p90", 2],
  ] as const)("%j %s = %d", (values, agg, expected) => {
    expect(aggregate(values, agg)).toBeCloseTo(expected, 12);
  });

  it.each(AGGREGATIONS)("no values: %s is null, never 0", (agg) => {
    expect(aggregate([], agg)).toBeNull();
    expect(aggregateInPlace(new Float64Array(4), 0, agg)).toBeNull();
  });

  it("does not modify its input", () => {
    const values = [3, 1, 2];
    aggregate(values, "median");
    expect(values).toEqual([3, 1, 2]);
  });

  it("percentileOfSorted at p = 0 and 1 gives the extremes", () => {
    expect(percentileOfSorted([1, 4, 9], 0)).toBe(1);
    expect(percentileOfSorted([1, 4, 9], 1)).toBe(9);
    expect(percentileOfSorted([], 0.5)).toBeNull();
  });

  it("quickselect agrees with sorting on random data with ties", () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(rnd() * 60);
      const values = Array.from({ length: n }, () => Math.floor(rnd() * 20) / 4);
      const sorted = [...values].sort((a, b) => a - b);
      for (const [agg, p] of [
        ["median", 0.5],
        ["p90", 0.9],
        ["p95", 0.95],
      ] as const) {
        const buf = new Float64Array(n + 3);
        buf.set(values);
        expect(aggregateInPlace(buf, n, agg)).toBeCloseTo(percentileOfSorted(sorted, p)!, 12);
      }
    }
  });
});
