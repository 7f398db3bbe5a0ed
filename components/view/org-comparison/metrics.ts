// How the org comparison names and writes each metric's figure.
import type { Rating } from "@/lib/dora";
import { formatDuration, formatPercent, formatRate, type ComparisonMetric, type LevelMetric } from "@/lib/browser";

export const METRIC_INFO: Record<
  ComparisonMetric,
  { label: string; name: string; format: (v: number | null) => string }
> = {
  LTTC: { label: "Lead time", name: "lead time for changes", format: formatDuration },
  DF: { label: "Deploys", name: "deployment frequency", format: formatRate },
  CFR: { label: "Failure rate", name: "change failure rate", format: formatPercent },
  MTTR: { label: "Time to restore", name: "time to restore", format: formatDuration },
  FDRT: { label: "Recovery (FDRT)", name: "failed deployment recovery time", format: formatDuration },
  REWORK: { label: "Rework rate", name: "deployment rework rate", format: formatPercent },
};

export const LEVEL_METRIC_LABELS: Record<LevelMetric, string> = {
  overall: "Overall level",
  LTTC: "Lead time",
  DF: "Deployment frequency",
  CFR: "Change failure rate",
  MTTR: "Time to restore",
  FDRT: "Recovery (FDRT)",
};

/** A heat-map cell's colours by level: the badges' soft tints in the light theme, deep ones in the dark. */
export const CELL_TINT: Record<Rating, string> = {
  Elite: "bg-elite-soft dark:bg-green-950",
  High: "bg-high-soft dark:bg-blue-950",
  Medium: "bg-medium-soft dark:bg-yellow-950",
  Low: "bg-low-soft dark:bg-red-950",
};

export const WORD_INK: Record<Rating, string> = {
  Elite: "text-elite dark:text-green-300",
  High: "text-high dark:text-blue-300",
  Medium: "text-medium dark:text-yellow-300",
  Low: "text-low dark:text-red-300",
};
