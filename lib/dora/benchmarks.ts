// Benchmark sets as data (spec §4.9). Units: LTTC and MTTR in days, DF in deployments per day,
// CFR in percent. `bounds` are the Elite, High and Medium bounds: for "lower" a value rates a
// level when strictly below its bound; for "higher" when at or above it; otherwise Low.
//
// The DORA sets come from the performance-cluster tables of the Accelerate State of DevOps
// reports. Where a cluster is a range, the bound is the edge of the better cluster's range
// (a team earns a level by being inside its published range); "on demand" deployment is read as
// at least daily; a month is 30 days. Where a report gives one value per cluster (CFR in 2023 and
// 2024), the bound is the midpoint between adjacent levels' values. Where a report gives two
// clusters the same range, the worse one's band is empty (equal bounds).

export type RatedMetric = "LTTC" | "DF" | "CFR" | "MTTR";
export const RATED_METRICS: readonly RatedMetric[] = ["LTTC", "DF", "CFR", "MTTR"];

export interface MetricThresholds {
  direction: "lower" | "higher";
  unit: "days" | "perDay" | "percent";
  /** Elite, High and Medium bounds. */
  bounds: readonly [number, number, number];
}

export interface BenchmarkSet {
  name: string;
  label: string;
  source: string;
  metrics: Readonly<Record<RatedMetric, MetricThresholds>>;
}

const HOUR = 1 / 24;
const lower = (unit: MetricThresholds["unit"], b: [number, number, number]): MetricThresholds => ({
  direction: "lower",
  unit,
  bounds: b,
});
const higher = (b: [number, number, number]): MetricThresholds => ({ direction: "higher", unit: "perDay", bounds: b });

export const BENCHMARK_SETS: readonly BenchmarkSet[] = [
  {
    name: "sei",
    label: "SEI industry benchmarks",
    source: "Harness SEI documentation, industry benchmarks",
    metrics: {
      LTTC: lower("days", [1, 7, 30]),
      DF: higher([1, 1 / 7, 1 / 30]),
      CFR: lower("percent", [15, 30, 45]),
      MTTR: lower("days", [HOUR, 1, 7]),
    },
  },
  {
    // 2021: lead time Elite < 1 hour, High 1 day–1 week, Medium 1–6 months; deploys Elite on
    // demand, High weekly–monthly, Medium monthly–every 6 months; restore Elite < 1 hour, High
    // < 1 day, Medium 1 day–1 week; change failure Elite 0–15 %, High, Medium and Low 16–30 %.
    name: "dora-2021",
    label: "DORA 2021",
    source: "Accelerate State of DevOps Report 2021",
    metrics: {
      LTTC: lower("days", [HOUR, 7, 180]),
      DF: higher([1, 1 / 30, 1 / 180]),
      CFR: lower("percent", [15, 30, 30]),
      MTTR: lower("days", [HOUR, 1, 7]),
    },
  },
  {
    // 2023: lead time Elite < 1 day, High 1 day–1 week, Medium and Low 1 week–1 month; deploys
    // Elite on demand, High daily–weekly, Medium and Low weekly–monthly; change failure Elite 5 %,
    // High 10 %, Medium 15 %, Low 64 %; recovery Elite < 1 hour, High < 1 day, Medium 1 day–1 week.
    name: "dora-2023",
    label: "DORA 2023",
    source: "Accelerate State of DevOps Report 2023",
    metrics: {
      LTTC: lower("days", [1, 7, 30]),
      DF: higher([1, 1 / 7, 1 / 30]),
      CFR: lower("percent", [7.5, 12.5, 39.5]),
      MTTR: lower("days", [HOUR, 1, 7]),
    },
  },
  {
    // 2024: lead time Elite < 1 day, High 1 day–1 week, Medium 1 week–1 month; deploys Elite on
    // demand, High daily–weekly, Medium weekly–monthly; change failure Elite 5 %, High 20 %, Medium
    // 10 %, Low 40 % (midpoints 12.5, 15, 25); recovery Elite < 1 hour, High and Medium < 1 day.
    name: "dora-2024",
    label: "DORA 2024",
    source: "Accelerate State of DevOps Report 2024",
    metrics: {
      LTTC: lower("days", [1, 7, 30]),
      DF: higher([1, 1 / 7, 1 / 30]),
      CFR: lower("percent", [12.5, 15, 25]),
      MTTR: lower("days", [HOUR, 1, 1]),
    },
  },
];

export const DEFAULT_BENCHMARK = "sei";
export const BENCHMARK_NAMES: readonly string[] = BENCHMARK_SETS.map((s) => s.name);

/** The set of that name (case-insensitive), or undefined. */
export function getBenchmarkSet(name: string): BenchmarkSet | undefined {
  const key = name.toLowerCase();
  return BENCHMARK_SETS.find((s) => s.name === key);
}

export function defaultBenchmarkSet(): BenchmarkSet {
  return getBenchmarkSet(DEFAULT_BENCHMARK)!;
}
