import { describe, expect, it } from "vitest";
import { aggregateOf, bucketize, countOf, newPopulation, sumOf } from "./buckets";

// Teams in depth-first order: 0 = root (end 3), 1 = child (end 3), 2 = grandchild (end 3); periods [0,10) and [10,20).
function sample() {
  const records: [team: number, at: number, value: number, flag: number][] = [
    [2, 15, 5, 1],
    [0, 1, 1, 0],
    [1, 12, 3, 1],
    [2, 3, 4, 1],
    [0, 25, 99, 1], // outside every period
    [1, 9, Number.NaN, 1], // an absent value still counts
  ];
  const pop = newPopulation(records.length, 2);
  records.forEach(([team, at, value, flag], i) => {
    pop.team[i] = team;
    pop.at[i] = at;
    pop.cols[0]![i] = value;
    pop.cols[1]![i] = flag;
  });
  pop.n = records.length;
  const locate = (ms: number) => (ms >= 0 && ms < 20 ? Math.floor(ms / 10) : -1);
  return bucketize(pop, locate, 2, 3);
}

describe("bucketize and cells", () => {
  const b = sample();
  const scratch = new Float64Array(8);
  it.each([
    ["root, period 0", { team: 0, end: 3, period: 0 }, 3, 2, 2.5],
    ["root, period 1", { team: 0, end: 3, period: 1 }, 2, 2, 4],
    ["root, every period", { team: 0, end: 3, period: -1 }, 5, 4, 3.25],
    ["child subtree, period 0", { team: 1, end: 3, period: 0 }, 2, 2, 4],
    ["grandchild, every period", { team: 2, end: 3, period: -1 }, 2, 2, 4.5],
    ["root alone, period 1", { team: 0, end: 1, period: 1 }, 0, 0, null],
  ])("%s", (_name, cell, count, flags, mean) => {
    expect(countOf(b, cell)).toBe(count);
    expect(sumOf(b, 1, cell)).toBe(flags);
    expect(aggregateOf(b, 0, cell, "mean", scratch)).toBe(mean);
  });
});
