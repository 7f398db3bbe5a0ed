"use client";

// The view's controls. Each change rewrites the URL, which is the view's only state.
import { useId } from "react";
import { BENCHMARK_NAMES, AGGREGATIONS, GRANULARITIES } from "@/lib/dora";
import { RANGE_LABELS, RANGE_PRESETS, type ViewParams } from "@/lib/browser";

const FIELD = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900";
const AGG_LABELS = { mean: "Mean", median: "Median", p90: "90th percentile", p95: "95th percentile" } as const;

export function ViewControls({ view, onChange }: { view: ViewParams; onChange: (next: ViewParams) => void }) {
  const id = useId();
  const set = (patch: Partial<ViewParams>) => onChange({ ...view, ...patch });
  return (
    <form
      className="flex flex-wrap items-end gap-3 print:hidden"
      onSubmit={(e) => e.preventDefault()}
      aria-label="View settings"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-range`} className="text-xs font-medium">
          Range
        </label>
        <select
          id={`${id}-range`}
          className={FIELD}
          value={view.range}
          onChange={(e) => set({ range: e.target.value as ViewParams["range"] })}
        >
          {RANGE_PRESETS.map((p) => (
            <option key={p} value={p}>
              {RANGE_LABELS[p]}
            </option>
          ))}
        </select>
      </div>
      {view.range === "custom" && (
        <>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-start`} className="text-xs font-medium">
              From
            </label>
            <input
              id={`${id}-start`}
              type="date"
              className={FIELD}
              value={view.start}
              onChange={(e) => e.target.value && set({ start: e.target.value })}
            />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-end`} className="text-xs font-medium">
              To
            </label>
            <input
              id={`${id}-end`}
              type="date"
              className={FIELD}
              value={view.end}
              onChange={(e) => e.target.value && set({ end: e.target.value })}
            />
          </div>
        </>
      )}
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-gran`} className="text-xs font-medium">
          Granularity
        </label>
        <select
          id={`${id}-gran`}
          className={FIELD}
          value={view.granularity}
          onChange={(e) => set({ granularity: e.target.value as ViewParams["granularity"] })}
        >
          {GRANULARITIES.map((g) => (
            <option key={g} value={g}>
              {g.charAt(0) + g.slice(1).toLowerCase()}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-agg`} className="text-xs font-medium">
          Aggregation
        </label>
        <select
          id={`${id}-agg`}
          className={FIELD}
          value={view.aggregation}
          onChange={(e) => set({ aggregation: e.target.value as ViewParams["aggregation"] })}
        >
          {AGGREGATIONS.map((a) => (
            <option key={a} value={a}>
              {AGG_LABELS[a]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-bench`} className="text-xs font-medium">
          Benchmark
        </label>
        <select
          id={`${id}-bench`}
          className={FIELD}
          value={view.benchmark}
          onChange={(e) => set({ benchmark: e.target.value })}
        >
          {BENCHMARK_NAMES.map((b) => (
            <option key={b} value={b}>
              {b === "sei" ? "SEI (default)" : b.toUpperCase().replace("DORA-", "DORA ")}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
