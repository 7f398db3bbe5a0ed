import { CHART_HEIGHT } from "./theme";

/** Holds the plot's place while recharts loads, so the page does not jump. */
export function PlotLoading() {
  return (
    <div
      style={{ height: CHART_HEIGHT }}
      className="flex items-center justify-center rounded bg-slate-100 text-sm text-slate-700 dark:bg-slate-800 dark:text-slate-300"
    >
      Loading chart…
    </div>
  );
}
