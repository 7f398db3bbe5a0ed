"use client";

// Where a view mounts its records panel: the panel's code loads only when it opens (a click, or a
// link that opens the view with it), and opens at once on a link, before the export is read.
import { lazy, Suspense, useMemo } from "react";
import {
  figureSentence,
  recordsPeriod,
  type ExportSummary,
  type ParsedExport,
  type TeamSeries,
  type ViewParams,
} from "@/lib/browser";
import type { RecordsPanelControl } from "./use-records-panel";

const RecordsPanel = lazy(() => import("./records-panel"));

export interface RecordsPanelSlotProps {
  control: RecordsPanelControl;
  view: ViewParams;
  teamId: string | null;
  teamTitle: string;
  model: ParsedExport | undefined;
  series: TeamSeries | null;
  summary: ExportSummary | null;
}

export function RecordsPanelSlot({ control, view, teamId, teamTitle, model, series, summary }: RecordsPanelSlotProps) {
  const { state } = control;
  const names = useMemo(() => new Map(model?.teams.map((t) => [t.id, t.name]) ?? []), [model]);
  if (!state) return null;
  const period = recordsPeriod(state.period, view);
  if (!period) return null;
  const figure = figureSentence(state.metric, state.period, series, summary, model?.aggregation ?? null);
  const close = () => {
    control.returnFocus();
    control.close();
  };
  return (
    <Suspense fallback={null}>
      <RecordsPanel
        metric={state.metric}
        period={period}
        teamId={teamId}
        teamTitle={teamTitle}
        teamName={(id) => names.get(id) ?? id}
        figure={figure}
        href={control.hrefOf(state)}
        onMove={control.move}
        onClose={close}
      />
    </Suspense>
  );
}
