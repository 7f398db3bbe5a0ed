import { describe, expect, it } from "vitest";
import { niceAxis, niceCeil } from "./axis";

describe("niceCeil", () => {
  it.each([
    [1, 1],
    [1.01, 2],
    [2.2, 2.5],
    [3, 5],
    [7, 10],
    [0.03, 0.05],
    [45, 50],
  ])("%s → %s", (v, want) => expect(niceCeil(v)).toBeCloseTo(want));
});

describe("niceAxis", () => {
  it.each([
    [[45, null, 12], 1, Infinity, { top: 60, ticks: [0, 20, 40, 60] }],
    [[0.8], 1, Infinity, { top: 1, ticks: [0, 0.25, 0.5, 0.75, 1] }],
    [[null, null], 50, Infinity, { top: 60, ticks: [0, 20, 40, 60] }],
    [[100], 50, 100, { top: 100, ticks: [0, 25, 50, 75, 100] }],
  ])("%j (empty %s, ceiling %s)", (values, empty, ceiling, want) => {
    expect(niceAxis(values as (number | null)[], empty, ceiling)).toEqual(want);
  });
});
