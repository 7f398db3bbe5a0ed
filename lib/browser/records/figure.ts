// The export's figure that a records panel explains, as one sentence: the chart's point for a
// period, or the scorecard's figure for the whole range. Null when the export has no such figure.
import { AGG_LABEL, type Aggregation } from "@/lib/dora";
import type { RecordMetric } from "@/lib/contract";
import type { TeamSeries } from "../csv/series";
import type { ExportSummary } from "../csv/summary";
import { formatCount, formatDuration, formatPercent, formatRate } from "../csv/format";
import { WHOLE_RANGE } from "./params";

const of = (v: number | null, one: string, many: string) => `${formatCount(v)} ${v === 1 ? one : many}`;

export function figureSentence(
  metric: RecordMetric,
  period: string,
  series: TeamSeries | null,
  summary: ExportSummary | null,
  aggregation: Aggregation | null,
): string | null {
  const agg = aggregation ? `${AGG_LABEL[aggregation]} ` : "";
  const lower = (s: string) => (agg ? s.toLowerCase() : s);
  const lead = period === WHOLE_RANGE ? "The export's figure over the range" : "The export's figure for this period";
  const say = (text: string) => `${lead}: ${text}.`;
  if (period === WHOLE_RANGE) {
    if (!summary) return null;
    const s = summary;
    switch (metric) {
      case "lttc":
        return say(
          `${agg}${lower("Lead time")} ${formatDuration(s.LTTC.value)} over ${of(s.LTTC.sample, "change", "changes")}`,
        );
      case "df":
        return say(`${of(s.DF.sample, "deployment", "deployments")}, ${formatRate(s.DF.value)}`);
      case "cfr":
        return say(
          `${formatPercent(s.CFR.value)} failed, ${formatCount(s.CFR.failures)} of ${of(s.CFR.sample, "deployment", "deployments")}`,
        );
      case "mttr":
        return say(
          `${agg}${lower("Time to restore")} ${formatDuration(s.MTTR.value)} over ${of(s.MTTR.sample, "incident", "incidents")}`,
        );
      case "fdrt":
        return s.FDRT
          ? say(
              `${agg}${lower("Recovery time")} ${formatDuration(s.FDRT.value)} over ${of(s.FDRT.sample, "failed deployment", "failed deployments")}`,
            )
          : null;
      case "rework":
        return s.REWORK
          ? say(
              `${formatPercent(s.REWORK.value)} rework, ${formatCount(s.REWORK.rework)} of ${of(s.REWORK.sample, "deployment", "deployments")}`,
            )
          : null;
    }
  }
  if (!series) return null;
  const at = <P extends { period: string }>(points: P[]) => points.find((p) => p.period === period) ?? null;
  switch (metric) {
    case "lttc": {
      const p = at(series.lttc);
      return (
        p && say(`${agg}${lower("Lead time")} ${formatDuration(p.LTTC)} over ${of(p.changes, "change", "changes")}`)
      );
    }
    case "df": {
      const p = at(series.df);
      return p && say(`${of(p.deployments, "deployment", "deployments")}, ${formatRate(p.perDay)}`);
    }
    case "cfr": {
      const p = at(series.cfr);
      return (
        p &&
        say(
          `${formatPercent(p.percent)} failed, ${formatCount(p.failures)} of ${of(p.total, "deployment", "deployments")}`,
        )
      );
    }
    case "mttr": {
      const p = at(series.mttr);
      return (
        p &&
        say(
          `${agg}${lower("Time to restore")} ${formatDuration(p.days)} over ${of(p.incidents, "incident", "incidents")}`,
        )
      );
    }
    case "fdrt": {
      const p = series.has.fdrt ? at(series.fdrt) : null;
      return (
        p &&
        say(
          `${agg}${lower("Recovery time")} ${formatDuration(p.days)} over ${of(p.failures, "failed deployment", "failed deployments")}`,
        )
      );
    }
    case "rework": {
      const p = series.has.rework ? at(series.rework) : null;
      return (
        p &&
        say(
          `${formatPercent(p.percent)} rework, ${formatCount(p.rework)} of ${of(p.deployments, "deployment", "deployments")}`,
        )
      );
    }
  }
}
