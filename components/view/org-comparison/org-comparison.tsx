"use client";

// An org tree's teams compared: the heat map of every team × metric, filtered by level, folded by
// branch or sorted by a column, and the chart of how many of the teams shown sit at each level,
// period by period. Read from the org-tree export the view has already parsed. Loaded on demand:
// only the org-tree view shows it.
import { useId, useMemo, useState } from "react";
import { LevelsChart } from "@/components/charts";
import type { BenchmarkSet } from "@/lib/dora";
import {
  compareTeams,
  depthChoices,
  levelsByPeriod,
  nextSort,
  visibleRows,
  type LevelMetric,
  type ParsedExport,
  type Sort,
} from "@/lib/browser";
import { HeatMapTable } from "./heat-map-table";
import { LEVEL_METRIC_LABELS, METRIC_INFO } from "./metrics";

const FIELD = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900";
const BUTTON =
  "rounded-md border border-slate-300 px-2 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800";

export interface OrgComparisonProps {
  model: ParsedExport;
  benchmark: BenchmarkSet;
  /** The view's search parameters: a team opened from here keeps the range and settings. */
  search: string;
  treeName: string;
}

export default function OrgComparison({ model, benchmark, search, treeName }: OrgComparisonProps) {
  const id = useId();
  const comparison = useMemo(() => compareTeams(model, benchmark), [model, benchmark]);
  const choices = useMemo(() => depthChoices(comparison.maxDepth), [comparison.maxDepth]);
  const [choice, setChoice] = useState("all");
  const [sort, setSort] = useState<Sort>(null);
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  const [levelOf, setLevelOf] = useState<LevelMetric>("overall");
  const depths = (choices.find((c) => c.value === choice) ?? choices[0]!).range;
  const rows = useMemo(
    () => visibleRows(comparison.rows, { sort, depths, folded }),
    [comparison.rows, sort, depths, folded],
  );
  const names = useMemo(() => new Map(comparison.rows.map((r) => [r.id, r.name])), [comparison.rows]);
  // The chart counts the teams of the chosen levels (a folded branch still counts: folding is for reading).
  const counted = useMemo(
    () => new Set(comparison.rows.filter((r) => r.depth >= depths.from && r.depth <= depths.to).map((r) => r.id)),
    [comparison.rows, depths],
  );
  const levels = useMemo(
    () => levelsByPeriod(model, counted, levelOf, benchmark),
    [model, counted, levelOf, benchmark],
  );
  const levelChoices = (["overall", "LTTC", "DF", "CFR", "MTTR", "FDRT"] as const).filter(
    (m) => m === "overall" || comparison.metrics.includes(m),
  );
  const foldableIds = comparison.rows.filter((r) => r.hasChildren).map((r) => r.id);

  if (comparison.rows.length === 0) return null;
  const order =
    sort === null
      ? "in the tree's order"
      : `sorted by ${sort.key === "name" ? "name" : sort.key === "overall" ? "overall level" : METRIC_INFO[sort.key].label.toLowerCase()}, ${sort.dir}`;
  const caption = `${rows.length} of ${comparison.rows.length} teams of ${treeName}, ${order}; figures over the range. A cell opens that team's view.`;

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        Org comparison
      </h2>
      <div className="flex flex-wrap items-end gap-3 print:hidden">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-depth`} className="text-xs font-medium">
            Levels shown
          </label>
          <select id={`${id}-depth`} className={FIELD} value={choice} onChange={(e) => setChoice(e.target.value)}>
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className={BUTTON}
          disabled={sort !== null || folded.size === 0}
          onClick={() => setFolded(new Set())}
        >
          Show all branches
        </button>
        <button
          type="button"
          className={BUTTON}
          disabled={sort !== null || foldableIds.length === 0}
          onClick={() => setFolded(new Set(comparison.rows.filter((r) => r.depth === depths.from).map((r) => r.id)))}
        >
          Fold to the top level
        </button>
        {sort !== null && (
          <button type="button" className={BUTTON} onClick={() => setSort(null)}>
            Back to the tree&apos;s order
          </button>
        )}
      </div>
      <HeatMapTable
        metrics={comparison.metrics}
        rows={rows}
        names={names}
        caption={caption}
        sort={sort}
        onSort={(key) => setSort((s) => nextSort(s, key))}
        depths={depths}
        folded={folded}
        onFold={(team) =>
          setFolded((f) => {
            const next = new Set(f);
            if (!next.delete(team)) next.add(team);
            return next;
          })
        }
        search={search}
      />
      <div className="flex flex-col gap-1 print:hidden">
        <label htmlFor={`${id}-levels`} className="text-xs font-medium">
          Levels of
        </label>
        <select
          id={`${id}-levels`}
          className={`${FIELD} self-start`}
          value={levelOf}
          onChange={(e) => setLevelOf(e.target.value as LevelMetric)}
        >
          {levelChoices.map((m) => (
            <option key={m} value={m}>
              {LEVEL_METRIC_LABELS[m]}
            </option>
          ))}
        </select>
      </div>
      <LevelsChart points={levels} of={LEVEL_METRIC_LABELS[levelOf]} teams={counted.size} />
    </section>
  );
}
