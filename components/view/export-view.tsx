"use client";

// A team or org-tree view: the URL's settings → an export created (or reused) through the proxy →
// its status, live → the CSV parsed in a worker → scorecards, trend charts and sub-teams.
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { TrendCharts } from "@/components/charts";
import { Scorecards } from "@/components/scorecards";
import { defaultBenchmarkSet, getBenchmarkSet } from "@/lib/dora/benchmarks";
import type { ExportRequestInput } from "@/lib/dora/schemas/export-request";
import { ensureExportOptions, exportKeys, exportStatusOptions, parsedExportOptions } from "@/lib/browser/api/exports";
import { teamRows, type ParsedExport } from "@/lib/browser/csv/model";
import { toTeamSeries } from "@/lib/browser/csv/series";
import { summarise } from "@/lib/browser/csv/summary";
import { previousRange, readViewParams, todayUtc, viewSearch, type ViewParams } from "@/lib/browser/view-params";
import { rememberView } from "@/lib/browser/last-view";
import { JobStatus } from "./job-status";
import { SubTeamsTable } from "./sub-teams-table";
import { ViewControls } from "./view-controls";

export type ViewScope = { kind: "team"; teamId: string } | { kind: "orgTree"; orgTreeName: string };
export interface Crumb {
  id: string;
  name: string;
  href: string | null;
}

const GROUPS = ["lttc", "deployment_frequency", "cfr", "mttr", "rating", "summary"];

function requestFor(scope: ViewScope, view: ViewParams, range: { start: string; end: string }): ExportRequestInput {
  return {
    scope: scope.kind === "team" ? { teamId: scope.teamId } : { orgTreeName: scope.orgTreeName },
    dateRange: { start: range.start, end: range.end },
    metricGroups: GROUPS,
    options: { granularity: view.granularity, aggregation: view.aggregation, compression: "gzip", benchmark: view.benchmark },
  } as ExportRequestInput;
}

function focusTeam(model: ParsedExport, scope: ViewScope) {
  if (scope.kind === "team") return model.teams.find((t) => t.id === scope.teamId) ?? null;
  const ids = new Set(model.teams.map((t) => t.id));
  return model.teams.find((t) => t.parentId === null || !ids.has(t.parentId)) ?? null;
}

/** Create → poll → download and parse, for one request. */
function useExport(body: ExportRequestInput) {
  const create = useQuery(ensureExportOptions(body));
  const id = create.data?.export.id ?? "";
  const status = useQuery({ ...exportStatusOptions(id), enabled: id !== "" });
  const parsed = useQuery(parsedExportOptions(id, status.data?.status === "COMPLETED"));
  return { create, id, status, parsed };
}

export function ExportView({ scope, title, crumbs }: { scope: ViewScope; title: string; crumbs: Crumb[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const queryClient = useQueryClient();
  const [today] = useState(todayUtc);
  const [copied, setCopied] = useState(false);
  const { view, notes } = useMemo(() => readViewParams(search, today), [search, today]);
  const body = useMemo(() => requestFor(scope, view, view), [scope, view]);
  const previousBody = useMemo(() => requestFor(scope, view, previousRange(view)), [scope, view]);
  const current = useExport(body);
  const previous = useExport(previousBody);
  const benchmark = getBenchmarkSet(view.benchmark) ?? defaultBenchmarkSet();
  const search2 = viewSearch(view);

  useEffect(() => rememberView(`${pathname}?${search2}`), [pathname, search2]);

  const model = current.parsed.data;
  const team = model ? focusTeam(model, scope) : null;
  const prevModel = previous.parsed.data;
  const prevTeam = prevModel ? focusTeam(prevModel, scope) : null;
  const rows = useMemo(() => (model && team ? teamRows(model, team) : null), [model, team]);
  const summary = useMemo(() => (model && rows ? summarise(rows, model, benchmark) : null), [model, rows, benchmark]);
  const series = useMemo(() => (model && rows ? toTeamSeries(rows, model.metricColumns) : null), [model, rows]);
  const prevSummary = useMemo(
    () => (prevModel && prevTeam ? summarise(teamRows(prevModel, prevTeam), prevModel, benchmark) : null),
    [prevModel, prevTeam, benchmark],
  );

  const retry = () => {
    queryClient.removeQueries({ queryKey: exportKeys.create(body) });
    void queryClient.refetchQueries({ queryKey: exportKeys.create(body) });
  };
  const stage = current.create.isPending
    ? "CREATING"
    : current.status.data?.status === "COMPLETED" && current.parsed.isPending
      ? "PARSING"
      : (current.status.data?.status ?? "QUEUED");
  const problem = current.create.error ?? current.status.error ?? current.parsed.error;

  return (
    <div className="space-y-6">
      <header className="space-y-3">
        <nav aria-label="Breadcrumbs">
          <ol className="flex flex-wrap items-center gap-1 text-sm text-slate-700 dark:text-slate-300">
            {crumbs.map((c, i) => (
              <li key={c.id} className="flex items-center gap-1">
                {i > 0 && <span aria-hidden="true">/</span>}
                {c.href && i < crumbs.length - 1 ? (
                  <Link className="underline" href={`${c.href}?${search2}`}>{c.name}</Link>
                ) : (
                  <span aria-current={i === crumbs.length - 1 ? "page" : undefined}>{c.name}</span>
                )}
              </li>
            ))}
          </ol>
        </nav>
        <h1 className="text-2xl font-semibold">{title}</h1>
        <ViewControls view={view} onChange={(next) => router.replace(`${pathname}?${viewSearch(next)}`, { scroll: false })} />
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {view.start} to {view.end}
        </p>
        {notes.length > 0 && (
          <ul role="note" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
            {notes.map((n) => <li key={n}>{n}</li>)}
          </ul>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <JobStatus status={stage} since={current.create.dataUpdatedAt} error={current.status.data?.error?.message} onRetry={retry} />
          {current.status.data?.status === "COMPLETED" && (
            <a className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-600" href={`/api/exports/${encodeURIComponent(current.id)}/download?as=gzip`}>
              Download CSV
            </a>
          )}
          <button
            type="button"
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-600"
            onClick={() => void navigator.clipboard.writeText(window.location.href).then(() => setCopied(true))}
          >
            Copy link
          </button>
          <span role="status" className="text-sm">{copied ? "Link copied" : ""}</span>
        </div>
        {problem && (
          <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
            {problem.message}
          </p>
        )}
      </header>

      {model && !team && <p role="alert">This export has no rows for {title}.</p>}
      {summary && series && model && team && (
        <>
          <h2 className="sr-only">Figures over the range</h2>
          <Scorecards summary={summary} previous={prevSummary} note={prevSummary ? `Changes compare with ${previousRange(view).start} to ${previousRange(view).end}.` : undefined} />
          <TrendCharts series={series} benchmark={benchmark} />
          <SubTeamsTable model={model} parent={team} benchmark={benchmark} search={search2} />
        </>
      )}
    </div>
  );
}
