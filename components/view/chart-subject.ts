// What a view's chart pictures say under their title: the team, the range and the settings.
import type { ChartSubject } from "@/components/charts";
import type { BenchmarkSet } from "@/lib/dora";
import type { ViewParams } from "@/lib/browser";

const GRANULARITY: Record<string, string> = { WEEKLY: "Weekly", MONTHLY: "Monthly", QUARTERLY: "Quarterly" };
const AGGREGATION: Record<string, string> = {
  mean: "mean",
  median: "median",
  p90: "90th percentile",
  p95: "95th percentile",
};

export function chartSubject(title: string, view: ViewParams, benchmark: BenchmarkSet): ChartSubject {
  return {
    subject: title,
    range: `${view.start} to ${view.end}`,
    details: `${GRANULARITY[view.granularity] ?? view.granularity} · ${AGGREGATION[view.aggregation] ?? view.aggregation} · ${benchmark.label}`,
  };
}
