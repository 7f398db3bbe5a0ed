// Ratings from a benchmark set (spec §4.9).
import type { BenchmarkSet, RatedMetric } from "./benchmarks";
import type { Rating } from "./types";

export const RATINGS: readonly Rating[] = ["Elite", "High", "Medium", "Low"];
const SCORE: Record<Rating, number> = { Elite: 4, High: 3, Medium: 2, Low: 1 };
const BY_SCORE: Record<number, Rating> = { 4: "Elite", 3: "High", 2: "Medium", 1: "Low" };

/** The level of a metric's figure; null when the figure is empty. */
export function rate(metric: RatedMetric, value: number | null, set: BenchmarkSet): Rating | null {
  if (value === null || Number.isNaN(value)) return null;
  const { direction, bounds } = set.metrics[metric];
  for (let i = 0; i < 3; i++) {
    const bound = bounds[i]!;
    if (direction === "lower" ? value < bound : value >= bound) return RATINGS[i]!;
  }
  return "Low";
}

/** The level whose score (Elite 4 … Low 1) is the mean of the rated levels, rounded half up. */
export function overallRating(ratings: readonly (Rating | null)[]): Rating | null {
  let sum = 0;
  let n = 0;
  for (const r of ratings) {
    if (r === null) continue;
    sum += SCORE[r];
    n++;
  }
  if (n === 0) return null;
  return BY_SCORE[Math.floor(sum / n + 0.5)]!;
}

export interface RatingBand {
  rating: Rating;
  /** Value range of the band: [from, to) for "lower" metrics, [from, to) too for "higher"; null is unbounded. */
  from: number | null;
  to: number | null;
}

/**
 * A metric's bands for drawing, best level first. Empty bands (two levels sharing a bound) are
 * kept with from === to so every level is present.
 */
export function ratingBands(metric: RatedMetric, set: BenchmarkSet): RatingBand[] {
  const { direction, bounds } = set.metrics[metric];
  const [e, h, m] = bounds;
  if (direction === "lower") {
    return [
      { rating: "Elite", from: null, to: e },
      { rating: "High", from: e, to: h },
      { rating: "Medium", from: h, to: m },
      { rating: "Low", from: m, to: null },
    ];
  }
  return [
    { rating: "Elite", from: e, to: null },
    { rating: "High", from: h, to: e },
    { rating: "Medium", from: m, to: h },
    { rating: "Low", from: null, to: m },
  ];
}
