"use client";

// A team or org-tree view: the URL's settings → an export created (or reused, or handed over by
// the server page) → its status, live → the CSV parsed in a worker (or, complete and small, read
// by the server page with the charts' snapshots) → scorecards, trend charts and sub-teams. The
// previous range's export, only for the scorecards' change, is asked for once the current one is
// drawn, so that it never delays it.
import { useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import {
  warmParseWorker,
  exportRequest,
  type EarlyAnswer,
  type ViewScope,
  exportKeys,
  focusTeam,
  teamRows,
  toTeamSeries,
  summarise,
  previousRange,
  readViewParams,
  todayUtc,
  viewSearch,
  rememberView,
} from "@/lib/browser";
import { ViewNotes } from "@/components/annotations/view-notes";
import { ChartSubjectProvider, TrendCharts, preloadCharts } from "@/components/charts";
import { CoverageStrip } from "@/components/figures/coverage-strip";
import { NewerScorecards } from "@/components/figures/newer-scorecards";
import { RecordsPanelSlot } from "@/components/figures/records-panel-slot";
import { useRecordsPanel } from "@/components/figures/use-records-panel";
import { Scorecards } from "@/components/scorecards";
import type { Features } from "@/lib/contract";
import { defaultBenchmarkSet, getBenchmarkSet } from "@/lib/dora";
import type { PreparedView } from "./prepared-view";
import { chartSubject } from "./chart-subject";
import { SubTeamsTable } from "./sub-teams-table";
import { useEarlyExport, useExport } from "./use-export";
import { ViewHeader, type Crumb } from "./view-header";

export type { ViewScope } from "@/lib/browser";

// Only the org-tree view compares its teams: its code loads when one is shown.
const OrgComparison = lazy(() => import("./org-comparison/org-comparison"));
export type { Crumb } from "./view-header";

// The CSV is parsed off the main thread, and the charts are loaded on demand: both start loading as
// soon as this module runs in the browser, before the page hydrates, so they are ready when the export is.
if (typeof window !== "undefined") {
  warmParseWorker();
  preloadCharts();
}

/**
 * True once `ready` has been true and the browser has had a quiet moment since: the previous
 * range's export (only the scorecards' change) waits until the charts are on screen.
 */
function useIdleAfter(ready: boolean): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (!ready || idle) return;
    // Read by the UI benchmark: where a view's load spends its time.
    performance.mark("fourfold:view-drawn");
    if (typeof window.requestIdleCallback !== "function") {
      const t = setTimeout(() => setIdle(true), 200);
      return () => clearTimeout(t);
    }
    const handle = window.requestIdleCallback(() => setIdle(true), { timeout: 1000 });
    return () => window.cancelIdleCallback(handle);
  }, [ready, idle]);
  return idle;
}

/**
 * Puts what the server page read into the query cache before the view's queries first run: the
 * created export, its final status and its parsed CSV. The view then renders complete, on the
 * server already and at hydration, with nothing to ask.
 */
function usePreparedView(first: PreparedView | undefined) {
  const queryClient = useQueryClient();
  useState(() => {
    if (!first) return;
    const { early, model } = first;
    queryClient.setQueryData(exportKeys.create(early.body), early.created);
    if (early.status) queryClient.setQueryData(exportKeys.status(early.status.id), early.status);
    queryClient.setQueryData(exportKeys.parsed(early.created.export.id), model);
  });
}

export interface ExportViewProps {
  scope: ViewScope;
  title: string;
  crumbs: Crumb[];
  /** The current range's export as the server page started it; null when it could not. */
  early?: Promise<EarlyAnswer | null>;
  /** The complete export as the server page read it, with its charts' snapshots. */
  first?: PreparedView;
  /** What the connection offers beyond exports (public config); none when not given. */
  features?: Features;
}

const NO_FEATURES: Features = { newerMetrics: false, records: false, coverage: false };

export function ExportView({ scope, title, crumbs, early, first, features = NO_FEATURES }: ExportViewProps) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const queryClient = useQueryClient();
  usePreparedView(first);
  const [today] = useState(todayUtc);
  const { view, notes } = useMemo(() => readViewParams(search, today), [search, today]);
  const newer = features.newerMetrics;
  const body = useMemo(() => exportRequest(scope, view, view, newer), [scope, view, newer]);
  const previousBody = useMemo(() => exportRequest(scope, view, previousRange(view), newer), [scope, view, newer]);
  const records = useRecordsPanel(view, features.records);
  const current = useExport(body, { early: useEarlyExport(early) });
  const idle = useIdleAfter(current.parsed.isSuccess);
  const previous = useExport(previousBody, { enabled: idle && current.parsed.isSuccess });
  const benchmark = getBenchmarkSet(view.benchmark) ?? defaultBenchmarkSet();
  const search2 = viewSearch(view);

  useEffect(() => rememberView(`${pathname}?${search2}`), [pathname, search2]);
  // Read by the UI benchmark: where a view's load spends its time.
  useEffect(() => {
    performance.mark("fourfold:view-hydrated");
  }, []);

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
  const prev = previousRange(view);
  // The team whose records and coverage are asked for: an org tree's is its root, from the export.
  const figuresTeam = scope.kind === "team" ? scope.teamId : (team?.id ?? null);

  // Asks the proxy again (a failed export is never reused, so this makes a new one), and forgets
  // the old job's answers, errors included.
  const retry = () => {
    void queryClient.resetQueries({ queryKey: exportKeys.status(current.id) });
    void queryClient.resetQueries({ queryKey: exportKeys.parsed(current.id) });
    void current.create.refetch();
  };
  const job = {
    stage: current.stage,
    since: current.create.dataUpdatedAt,
    error: current.status.data?.error?.message,
    downloadHref:
      current.state === "COMPLETED" ? `/api/exports/${encodeURIComponent(current.id)}/download?as=gzip` : null,
    problem: current.problem,
    note: current.note,
    onRetry: retry,
  };

  return (
    <div className="space-y-6">
      <ViewHeader
        title={title}
        crumbs={crumbs}
        view={view}
        search={search2}
        notes={[...notes, ...records.notes]}
        onChange={(next) => router.replace(`${pathname}?${viewSearch(next)}`, { scroll: false })}
        job={job}
      />
      {model && !team && <p role="alert">This export has no rows for {title}.</p>}
      {summary && series && model && team && (
        <>
          <h2 className="sr-only">Figures over the range</h2>
          <Scorecards
            summary={summary}
            previous={prevSummary}
            note={prevSummary ? `Changes compare with ${prev.start} to ${prev.end}.` : undefined}
          />
          <NewerScorecards summary={summary} previous={prevSummary} />
          {features.coverage && (
            <CoverageStrip
              teamId={figuresTeam}
              start={view.start}
              end={view.end}
              hrefOf={records.hrefOf}
              onOpen={records.open}
            />
          )}
          <ChartSubjectProvider value={chartSubject(title, view, benchmark)}>
            <ViewNotes scope={scope} title={title} start={view.start} end={view.end}>
              <TrendCharts
                series={series}
                benchmark={benchmark}
                snapshots={first?.early.created.export.id === current.id ? first.snapshots : undefined}
                onPickPeriod={features.records ? records.open : undefined}
              />
            </ViewNotes>
            {scope.kind === "orgTree" && (
              <Suspense fallback={<p className="text-sm">Loading the org comparison…</p>}>
                <OrgComparison model={model} benchmark={benchmark} search={search2} treeName={title} />
              </Suspense>
            )}
          </ChartSubjectProvider>
          <SubTeamsTable model={model} parent={team} benchmark={benchmark} search={search2} />
        </>
      )}
      <RecordsPanelSlot
        control={records}
        view={view}
        teamId={figuresTeam}
        teamTitle={title}
        model={model}
        series={series}
        summary={summary}
      />
    </div>
  );
}
