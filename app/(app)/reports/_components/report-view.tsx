"use client";

// The legacy synchronous report: a form, then its CSV as a table.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { CALCULATION_TYPES, LEGACY_GRANULARITIES, LEGACY_METRICS, type LegacyMetric } from "@/lib/dora";
import { presetRange, todayUtc } from "@/lib/browser";
import { ViewNotes } from "@/components/annotations/view-notes";
import { fetchReport, fetchTeams, type ReportForm } from "./report-request";
import { ReportTable } from "./report-table";

const FIELD = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900";
const METRIC_LABELS: Record<LegacyMetric, string> = {
  LEAD_TIME_FOR_CHANGES: "Lead time for changes",
  DEPLOYMENT_FREQUENCY: "Deployment frequency",
  CHANGE_FAILURE_RATE: "Change failure rate",
  MEAN_TIME_TO_RESTORE: "Mean time to restore",
  OVERALL_DORA: "Overall DORA",
};
const CALC_LABELS = { MEAN: "Mean", MEDIAN: "Median", P90: "90th percentile", P95: "95th percentile" } as const;

function initialForm(): Omit<ReportForm, "teamRefId"> {
  const { start, end } = presetRange("3m", todayUtc());
  return {
    dateStart: start,
    dateEnd: end,
    granularity: "weekly",
    metrics: [...LEGACY_METRICS],
    calculationType: "MEAN",
  };
}

export function ReportView() {
  const id = useId();
  const teams = useQuery({ queryKey: ["scopes", "teams"], queryFn: fetchTeams, staleTime: 5 * 60_000 });
  const [form, setForm] = useState(initialForm);
  const [picked, setPicked] = useState<number | null>(null);
  const report = useMutation({ mutationFn: fetchReport });
  const teamRefId = picked ?? teams.data?.[0]?.refId ?? null;
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const toggle = (m: LegacyMetric, on: boolean) =>
    set({ metrics: LEGACY_METRICS.filter((x) => (x === m ? on : form.metrics.includes(x))) });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (teamRefId !== null) report.mutate({ ...form, teamRefId });
  };
  const shown = report.variables;
  const shownScope = teams.data?.find((t) => t.refId === shown?.teamRefId);
  const shownTeam = shownScope?.name ?? `team ${shown?.teamRefId}`;

  return (
    <div className="space-y-6">
      <form onSubmit={submit} aria-label="Report settings" className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-team`} className="text-xs font-medium">
            Team
          </label>
          <select
            id={`${id}-team`}
            className={FIELD}
            value={teamRefId ?? ""}
            disabled={!teams.data}
            onChange={(e) => setPicked(Number(e.target.value))}
          >
            {!teams.data && <option value="">Loading teams…</option>}
            {teams.data?.map((t) => (
              <option key={t.id} value={t.refId}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-start`} className="text-xs font-medium">
            From
          </label>
          <input
            id={`${id}-start`}
            type="date"
            required
            className={FIELD}
            value={form.dateStart}
            onChange={(e) => set({ dateStart: e.target.value })}
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-end`} className="text-xs font-medium">
            To
          </label>
          <input
            id={`${id}-end`}
            type="date"
            required
            className={FIELD}
            value={form.dateEnd}
            onChange={(e) => set({ dateEnd: e.target.value })}
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-gran`} className="text-xs font-medium">
            Granularity
          </label>
          <select
            id={`${id}-gran`}
            className={FIELD}
            value={form.granularity}
            onChange={(e) => set({ granularity: e.target.value as ReportForm["granularity"] })}
          >
            {LEGACY_GRANULARITIES.map((g) => (
              <option key={g} value={g}>
                {g.charAt(0).toUpperCase() + g.slice(1)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-calc`} className="text-xs font-medium">
            Calculation
          </label>
          <select
            id={`${id}-calc`}
            className={FIELD}
            value={form.calculationType}
            onChange={(e) => set({ calculationType: e.target.value as ReportForm["calculationType"] })}
          >
            {CALCULATION_TYPES.map((c) => (
              <option key={c} value={c}>
                {CALC_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="flex basis-full flex-wrap gap-x-4 gap-y-1">
          <legend className="mb-1 text-xs font-medium">Metrics</legend>
          {LEGACY_METRICS.map((m) => (
            <label key={m} className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" checked={form.metrics.includes(m)} onChange={(e) => toggle(m, e.target.checked)} />
              {METRIC_LABELS[m]}
            </label>
          ))}
        </fieldset>
        <button
          type="submit"
          disabled={teamRefId === null || report.isPending}
          className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60 dark:bg-blue-600 dark:hover:bg-blue-500"
        >
          {report.isPending ? "Running…" : "Run report"}
        </button>
      </form>
      {(teams.error ?? report.error) && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          {teams.error
            ? `The teams could not be loaded: ${teams.error.message}`
            : `The report failed: ${report.error?.message}`}
        </p>
      )}
      {report.isSuccess &&
        shown &&
        (shownScope ? (
          // The report's teams' notes over its range: numbered in its Notes column and listed under it.
          <ViewNotes
            scope={{ kind: "team", teamId: shownScope.id }}
            title={shownTeam}
            start={shown.dateStart}
            end={shown.dateEnd}
            markedOn="in the report's Notes column"
          >
            <ReportTable csv={report.data} refId={shown.teamRefId} teamName={shownTeam} teams={teams.data ?? []} />
          </ViewNotes>
        ) : (
          <ReportTable csv={report.data} refId={shown.teamRefId} teamName={shownTeam} teams={[]} />
        ))}
    </div>
  );
}
