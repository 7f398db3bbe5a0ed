"use client";

// One team of an opened export: scorecards, the four trend charts and every column as a table.
// What is heavy mounts in stages (the table, then each chart), each in a short task of its own.
import { useId, useMemo, useState } from "react";
import { BENCHMARK_SETS, getBenchmarkSet, defaultBenchmarkSet } from "@/lib/dora";
import { ChartSubjectProvider } from "@/components/charts";
import { DataTable } from "@/components/data-table";
import { NewerScorecards } from "@/components/figures/newer-scorecards";
import { Scorecards } from "@/components/scorecards";
import { teamRows, type ParsedExport, type PeriodRow, toTeamSeries, summarise, teamTable } from "@/lib/browser";
import { chartStages, ImportCharts } from "./import-charts";
import { TeamCombobox } from "./team-combobox";
import { teamLabel } from "./team-search";
import { useStaged } from "./use-staged";

const SELECT =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900";

export function ImportResult({ model }: { model: ParsedExport }) {
  const [teamIndex, setTeamIndex] = useState(0);
  const [benchmarkName, setBenchmarkName] = useState(defaultBenchmarkSet().name);
  const benchId = useId();
  const team = model.teams[teamIndex] ?? model.teams[0]!;
  const benchmark = getBenchmarkSet(benchmarkName) ?? defaultBenchmarkSet();
  const rows = useMemo(() => teamRows(model, team), [team, model]);
  const summary = useMemo(() => summarise(rows, model, benchmark), [rows, model, benchmark]);
  const series = useMemo(() => toTeamSeries(rows, model.metricColumns), [rows, model]);
  const table = useMemo(() => teamTable(model, team, rows), [team, rows, model]);
  const labels = useMemo(() => model.teams.map(teamLabel), [model]);
  // Stage 1 the table, then one chart a stage; a change of team or benchmark starts again.
  const stage = useStaged(1 + chartStages(series), `${teamIndex} ${benchmark.name}`);
  const note =
    summary.source === "total"
      ? "Figures over the whole range come from the export's TOTAL row."
      : "This export has no TOTAL row, so the figures over the whole range are rolled up here from the periods: sums of counts, and lead time and time to restore as means of the period figures weighted by their counts.";

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        {model.teams.length > 1 && <TeamCombobox labels={labels} value={teamIndex} onChange={setTeamIndex} />}
        <div className="flex flex-col gap-1">
          <label htmlFor={benchId} className="text-sm font-medium">
            Benchmark
          </label>
          <select
            id={benchId}
            value={benchmark.name}
            onChange={(e) => setBenchmarkName(e.target.value)}
            className={SELECT}
          >
            {BENCHMARK_SETS.map((s) => (
              <option key={s.name} value={s.name}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      </div>

      <section aria-labelledby="team-heading" className="space-y-4">
        <div>
          <h2 id="team-heading" className="text-xl font-semibold">
            {team.name}
          </h2>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {[
              team.hierarchy.join(" / "),
              periodRange(rows.periods),
              model.aggregation && `${model.aggregation} aggregation`,
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
        </div>
        <Scorecards summary={summary} note={note} />
        <NewerScorecards summary={summary} />
        <ChartSubjectProvider
          value={{
            subject: team.name,
            range: dateRange(rows.periods) ?? periodRange(rows.periods) ?? "",
            details: [model.aggregation, benchmark.label].filter(Boolean).join(" · "),
          }}
        >
          <ImportCharts series={series} benchmark={benchmark} shown={stage - 1} />
        </ChartSubjectProvider>
      </section>

      <section aria-labelledby="columns-heading" className="space-y-2">
        <h2 id="columns-heading" className="text-lg font-semibold">
          All columns
        </h2>
        {model.unknownColumns.length > 0 && (
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Columns Fourfold does not know are shown as they are: {model.unknownColumns.join(", ")}.
          </p>
        )}
        {stage >= 1 ? (
          <DataTable
            caption={`Every column of the export for ${team.name}`}
            columns={table.columns.map((c) => ({
              label: c.name,
              numeric: c.numeric,
              hint: c.unknown ? "not recognised" : undefined,
            }))}
            rows={table.rows}
            rowHeader={Math.max(
              0,
              table.columns.findIndex((c) => c.name.toLowerCase() === "period"),
            )}
            maxHeight={480}
          />
        ) : (
          <p className="text-sm text-slate-700 dark:text-slate-300">Loading the table…</p>
        )}
      </section>
    </div>
  );
}

/** The dates the periods cover, when the file has them. */
function dateRange(periods: PeriodRow[]): string | null {
  const start = periods[0]?.start;
  const end = periods.at(-1)?.end;
  return start && end ? `${start} to ${end}` : null;
}

function periodRange(periods: PeriodRow[]): string | null {
  const first = periods[0];
  const last = periods.at(-1);
  if (!first || !last) return null;
  return first === last ? first.period : `${first.period} to ${last.period}`;
}
