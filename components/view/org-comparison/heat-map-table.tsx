"use client";

// The org comparison's heat map: a real table, one row per team (in the tree's order, indented, its
// branches foldable; or sorted by a column), one column per metric. Each cell is the team's figure
// in its level's colour, with the level's word, and a link to that team's view with the same range
// and settings.
import Link from "next/link";
import { useId } from "react";
import type { Rating } from "@/lib/dora";
import { ScrollBox } from "@/components/scroll-box";
import {
  bestFirst,
  foldable,
  type ComparisonMetric,
  type ComparisonRow,
  type DepthRange,
  type Sort,
  type SortKey,
} from "@/lib/browser";
import { CELL_TINT, METRIC_INFO, WORD_INK } from "./metrics";

const NONE_TINT = "bg-slate-50 dark:bg-slate-900";

export interface HeatMapTableProps {
  metrics: ComparisonMetric[];
  rows: ComparisonRow[];
  names: ReadonlyMap<string, string>;
  caption: string;
  sort: Sort;
  onSort: (key: SortKey) => void;
  depths: DepthRange;
  folded: ReadonlySet<string>;
  onFold: (id: string) => void;
  /** The view's search parameters, given to every team link. */
  search: string;
}

export function HeatMapTable({
  metrics,
  rows,
  names,
  caption,
  sort,
  onSort,
  depths,
  folded,
  onFold,
  search,
}: HeatMapTableProps) {
  const captionId = useId();
  const href = (id: string) => `/teams/${encodeURIComponent(id)}?${search}`;
  const header = (key: SortKey, label: string) => {
    const dir = sort?.key === key ? sort.dir : null;
    const best = bestFirst(key) === "ascending" ? "lowest first" : "highest first";
    return (
      <th
        key={key}
        scope="col"
        aria-sort={dir ?? "none"}
        className={`px-2 py-2 align-bottom font-semibold ${key === "name" ? "sticky left-0 z-[1] bg-white text-left dark:bg-slate-900" : "text-left"}`}
      >
        <button
          type="button"
          className="inline-flex items-center gap-1 text-left font-semibold"
          title={dir === null ? `Sort by ${label.toLowerCase()}, ${best}` : undefined}
          onClick={() => onSort(key)}
        >
          {label}
          <span aria-hidden="true" className="text-xs">
            {dir === "ascending" ? "▲" : dir === "descending" ? "▼" : "↕"}
          </span>
        </button>
      </th>
    );
  };

  return (
    <div className="space-y-1">
      {/* The caption, shown above the box: inside it, it would be as wide as the table on a phone. */}
      <p aria-hidden="true" className="text-sm text-slate-700 dark:text-slate-300">
        {caption}
      </p>
      <ScrollBox
        labelledBy={captionId}
        className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      >
        <table className="w-full text-sm">
          <caption id={captionId} className="sr-only">
            {caption}
          </caption>
          <thead className="border-b border-slate-200 dark:border-slate-800">
            <tr>
              {header("name", "Team")}
              {metrics.map((m) => header(m, METRIC_INFO[m].label))}
              {header("overall", "Overall")}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                <th
                  scope="row"
                  className="sticky left-0 z-[1] bg-white px-2 py-1.5 text-left font-medium sm:whitespace-nowrap dark:bg-slate-900"
                >
                  <TeamHeader
                    row={row}
                    tree={sort === null}
                    indent={row.depth - depths.from}
                    canFold={sort === null && foldable(row, depths)}
                    isFolded={folded.has(row.id)}
                    onFold={() => onFold(row.id)}
                    parentName={row.parentId ? names.get(row.parentId) : undefined}
                    href={href(row.id)}
                  />
                </th>
                {metrics.map((m) => (
                  <Cell
                    key={m}
                    text={METRIC_INFO[m].format(row.cells[m].value)}
                    rating={row.cells[m].rating}
                    rated={m !== "REWORK"}
                    context={`${row.name}, ${METRIC_INFO[m].name}`}
                    href={href(row.id)}
                  />
                ))}
                <Cell text="" rating={row.overall} rated context={`${row.name}, overall level`} href={href(row.id)} />
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </div>
  );
}

function TeamHeader({
  row,
  tree,
  indent,
  canFold,
  isFolded,
  onFold,
  parentName,
  href,
}: {
  row: ComparisonRow;
  tree: boolean;
  indent: number;
  canFold: boolean;
  isFolded: boolean;
  onFold: () => void;
  parentName: string | undefined;
  href: string;
}) {
  return (
    <div className="flex items-center gap-1" style={tree ? { paddingLeft: `${indent * 1.25}rem` } : undefined}>
      {tree &&
        (canFold ? (
          <button
            type="button"
            aria-expanded={!isFolded}
            aria-label={`${isFolded ? "Show" : "Hide"} the teams under ${row.name}`}
            onClick={onFold}
            className="inline-flex size-6 shrink-0 items-center justify-center rounded text-xs hover:bg-slate-100 dark:hover:bg-slate-800 print:hidden"
          >
            <span aria-hidden="true">{isFolded ? "▸" : "▾"}</span>
          </button>
        ) : (
          <span aria-hidden="true" className="inline-block w-6 shrink-0 print:hidden" />
        ))}
      <span className="flex max-w-[9rem] flex-col sm:max-w-none">
        <Link className="text-blue-700 underline dark:text-blue-300" href={href} prefetch={false}>
          {row.name}
        </Link>
        {!tree && parentName && (
          <span className="text-xs font-normal text-slate-600 dark:text-slate-400">in {parentName}</span>
        )}
      </span>
    </div>
  );
}

function Cell({
  text,
  rating,
  rated,
  context,
  href,
}: {
  text: string;
  rating: Rating | null;
  /** False for a metric without levels (rework): no word, no tint. */
  rated: boolean;
  context: string;
  href: string;
}) {
  const word = rated ? (rating ?? "No rating") : null;
  return (
    <td className={`p-0 whitespace-nowrap ${rating ? CELL_TINT[rating] : NONE_TINT}`}>
      <Link
        href={href}
        prefetch={false}
        className="flex min-h-10 flex-col justify-center px-2 py-1 text-slate-900 hover:underline dark:text-slate-100"
      >
        {text && <span className="tabular-nums">{text}</span>}
        {word && (
          <span className={`text-xs font-semibold ${rating ? WORD_INK[rating] : "text-slate-600 dark:text-slate-400"}`}>
            {word}
          </span>
        )}
        <span className="sr-only">: {context}</span>
      </Link>
    </td>
  );
}
