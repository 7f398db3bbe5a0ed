// What an export's row offers: the view it stands for, the request that makes it again, and its size in words.
import type { ExportRequestInput } from "@/lib/dora";
import { type ExportView, viewSearch } from "@/lib/browser";

/** The team or org-tree view with the export's own dates and options. */
export function viewHref(e: Pick<ExportView, "scope" | "params">): string {
  const { dateRange, granularity, aggregation, benchmark } = e.params;
  const search = viewSearch({
    range: "custom",
    start: dateRange.start,
    end: dateRange.end,
    granularity,
    aggregation,
    benchmark,
  });
  const path =
    e.scope.kind === "team"
      ? `/teams/${encodeURIComponent(e.scope.teamId)}`
      : `/org-trees/${encodeURIComponent(e.scope.orgTreeName)}`;
  return `${path}?${search}`;
}

/** The create request with the same scope and parameters (the proxy injects org and project). */
export function rerunBody(e: Pick<ExportView, "scope" | "params">): ExportRequestInput {
  const p = e.params;
  return {
    scope: e.scope.kind === "team" ? { teamId: e.scope.teamId } : { orgTreeName: e.scope.orgTreeName },
    dateRange: { ...p.dateRange },
    metricGroups: [...p.metricGroups],
    metrics: p.metrics ? [...p.metrics] : null,
    options: {
      granularity: p.granularity,
      aggregation: p.aggregation,
      compression: p.compression,
      format: p.format,
      timezone: p.timezone,
      benchmark: p.benchmark,
    },
  } as ExportRequestInput;
}

export function scopeLabel(scope: ExportView["scope"]): string {
  return scope.kind === "team" ? `Team ${scope.teamId}` : `Org tree ${scope.orgTreeName}`;
}

const UNITS = ["bytes", "kB", "MB", "GB"] as const;

/** Decimal units, one decimal above bytes: 1 kB = 1000 bytes. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return "—";
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

export function formatTime(iso: string | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
