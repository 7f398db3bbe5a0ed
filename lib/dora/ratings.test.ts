import { describe, expect, it } from "vitest";
import {
  BENCHMARK_NAMES,
  BENCHMARK_SETS,
  defaultBenchmarkSet,
  getBenchmarkSet,
  RATED_METRICS,
  type RatedMetric,
} from "./benchmarks";
import { overallRating, rate, RATINGS, ratingBands } from "./ratings";
import type { Rating } from "./types";

const sei = defaultBenchmarkSet();

describe("rate with the default (sei) set, spec §4.9", () => {
  it.each([
    ["LTTC", 0.9999, "Elite"],
    ["LTTC", 1, "High"],
    ["LTTC", 6.9999, "High"],
    ["LTTC", 7, "Medium"],
    ["LTTC", 29.9999, "Medium"],
    ["LTTC", 30, "Low"],
    ["DF", 1, "Elite"],
    ["DF", 0.9999, "High"],
    ["DF", 1 / 7, "High"],
    ["DF", 1 / 7 - 1e-9, "Medium"],
    ["DF", 1 / 30, "Medium"],
    ["DF", 1 / 30 - 1e-9, "Low"],
    ["DF", 0, "Low"],
    ["CFR", 0, "Elite"],
    ["CFR", 14.99, "Elite"],
    ["CFR", 15, "High"],
    ["CFR", 30, "Medium"],
    ["CFR", 45, "Low"],
    ["MTTR", 1 / 24 - 1e-9, "Elite"],
    ["MTTR", 1 / 24, "High"],
    ["MTTR", 1, "Medium"],
    ["MTTR", 7, "Low"],
  ] as const)("%s %d → %s", (metric, value, rating) => {
    expect(rate(metric, value, sei)).toBe(rating);
  });

  it.each(RATED_METRICS)("%s: an empty figure has an empty rating", (metric) => {
    expect(rate(metric, null, sei)).toBeNull();
    expect(rate(metric, Number.NaN, sei)).toBeNull();
  });
});

describe("every set's bounds, at the exact bound", () => {
  const cases = BENCHMARK_SETS.flatMap((set) =>
    RATED_METRICS.flatMap((metric) => set.metrics[metric].bounds.map((bound, i) => ({ set, metric, bound, i }))),
  );
  const rank = (r: Rating | null) => RATINGS.indexOf(r!);
  it.each(cases.map((c) => [c.set.name, c.metric, c.i, c.bound, c] as const))(
    "%s %s bound %i (%d)",
    (_s, metric: RatedMetric, i, bound, c) => {
      const eps = Math.max(bound * 1e-9, 1e-12);
      if (c.set.metrics[metric].direction === "lower") {
        expect(rank(rate(metric, bound - eps, c.set))).toBeLessThanOrEqual(i);
        expect(rank(rate(metric, bound, c.set))).toBeGreaterThan(i);
      } else {
        expect(rank(rate(metric, bound, c.set))).toBeLessThanOrEqual(i);
        expect(rank(rate(metric, bound - eps, c.set))).toBeGreaterThan(i);
      }
    },
  );

  it.each(BENCHMARK_SETS.flatMap((set) => RATED_METRICS.map((m) => [set.name, m, set] as const)))(
    "%s %s bounds are monotone",
    (_n, metric, set) => {
      const { direction, bounds } = set.metrics[metric];
      const [e, h, m] = bounds;
      if (direction === "lower") expect(e <= h && h <= m).toBe(true);
      else expect(e >= h && h >= m).toBe(true);
    },
  );
});

describe("DORA sets", () => {
  it.each([
    ["dora-2021", "LTTC", 0.5, "High"], // elite is under one hour
    ["dora-2021", "LTTC", 100, "Medium"],
    ["dora-2021", "DF", 1 / 20, "High"],
    ["dora-2021", "CFR", 20, "High"],
    ["dora-2023", "CFR", 7.5, "High"],
    ["dora-2023", "CFR", 39.5, "Low"],
    ["dora-2024", "CFR", 12.49, "Elite"],
    ["dora-2024", "CFR", 20, "Medium"],
    ["dora-2024", "MTTR", 2, "Low"],
  ] as const)("%s %s %d → %s", (name, metric, value, rating) => {
    expect(rate(metric, value, getBenchmarkSet(name)!)).toBe(rating);
  });

  it("names and look-up", () => {
    expect(BENCHMARK_NAMES).toEqual(["sei", "dora-2021", "dora-2023", "dora-2024"]);
    expect(getBenchmarkSet("DORA-2024")?.name).toBe("dora-2024");
    expect(getBenchmarkSet("dora-1999")).toBeUndefined();
  });
});

describe("overallRating", () => {
  it.each([
    [["Elite", "High"], "Elite"], // 3.5 rounds up
    [["High", "Medium"], "High"], // 2.5 rounds up
    [["Medium", "Low"], "Medium"], // 1.5
    [["Elite", "Low"], "High"], // 2.5
    [["Elite", "High", "High"], "High"], // 3.33
    [["Elite", "Elite", "High", "Medium"], "High"], // 3.25
    [["Elite", "Elite", "High", "High"], "Elite"], // 3.5
    [["Low", null, null, null], "Low"],
    [[null, null, null, null], null],
    [[], null],
  ] as const)("%j → %s", (ratings, expected) => {
    expect(overallRating(ratings)).toBe(expected);
  });
});

describe("ratingBands", () => {
  it("lower-is-better bands run from 0 up", () => {
    expect(ratingBands("LTTC", sei)).toEqual([
      { rating: "Elite", from: null, to: 1 },
      { rating: "High", from: 1, to: 7 },
      { rating: "Medium", from: 7, to: 30 },
      { rating: "Low", from: 30, to: null },
    ]);
  });
  it("higher-is-better bands run from the top down", () => {
    expect(ratingBands("DF", sei).map((b) => [b.rating, b.from, b.to])).toEqual([
      ["Elite", 1, null],
      ["High", 1 / 7, 1],
      ["Medium", 1 / 30, 1 / 7],
      ["Low", null, 1 / 30],
    ]);
  });
});
