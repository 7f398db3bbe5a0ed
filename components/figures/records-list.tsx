"use client";

// One metric's records for one team and range: pages loaded by cursor ("load more"), sorted in
// the browser by any sortable column (the slowest first by default), as a real table.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { formatCount, recordsOptions, RECORDS_PAGE_SIZE, type FigureQuery, type RecordMetric } from "@/lib/browser";
import { RECORD_COLUMNS, sortRecords, type MetricColumns, type SortState } from "./record-columns";
import { StageKey } from "./stage-bar";

export interface RecordsListProps {
  metric: RecordMetric;
  query: FigureQuery;
  nouns: { one: string; many: string };
  teamName: (id: string) => string;
  caption: string;
}

type AnyRecord = Record<string, unknown> & { teamId: string };

export function RecordsList({ metric, query, nouns, teamName, caption }: RecordsListProps) {
  const spec = RECORD_COLUMNS[metric] as unknown as MetricColumns<AnyRecord>;
  const [sort, setSort] = useState<SortState>(spec.initial);
  const q = useInfiniteQuery(recordsOptions(query, metric));
  const items = useMemo(() => (q.data?.pages.flatMap((p) => p.items) ?? []) as AnyRecord[], [q.data]);
  const sorted = useMemo(() => sortRecords(items, spec, sort), [items, spec, sort]);

  if (q.isPending) return <p role="status">Loading the {nouns.many}…</p>;
  // A failed next page keeps the pages loaded (TanStack Query keeps the data): said below the table.
  if (!q.data)
    return (
      <div role="alert" className="space-y-2">
        <p>
          The {nouns.many} could not be loaded: {q.error.message}
        </p>
        <button type="button" className="rounded-md border px-2.5 py-1 text-sm" onClick={() => void q.refetch()}>
          Try again
        </button>
      </div>
    );

  const total = q.data.pages[0]?.total ?? 0;
  const longest = metric === "lttc" ? Math.max(0, ...items.map((r) => Number(r.lttcDays) || 0)) : 0;
  const ctx = { teamName, longest };
  // The team column only when the records come from more than one team (sub-teams roll up).
  const columns = spec.columns.filter((c) => c.key !== "team" || new Set(items.map((r) => r.teamId)).size > 1);
  const partial = items.length < total;
  const sortedBy = columns.find((c) => c.key === sort.key);

  return (
    <div className="space-y-3">
      <p>
        <strong className="tabular-nums">{formatCount(total)}</strong> {total === 1 ? nouns.one : nouns.many}: the
        figure is computed over exactly {total === 1 ? "this one" : "these"}.
      </p>
      {total === 0 ? null : (
        <>
          {metric === "lttc" && <StageKey />}
          {partial && sortedBy && (
            <p className="text-sm text-slate-700 dark:text-slate-300">
              Sorted by {sortedBy.label.toLowerCase()} among the {formatCount(items.length)} loaded; load the rest to
              sort them all.
            </p>
          )}
          <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-700">
            <table className="w-full border-collapse text-sm">
              <caption className="sr-only">{caption}</caption>
              <thead className="bg-slate-100 dark:bg-slate-800">
                <tr>
                  {columns.map((c) => (
                    <th
                      key={c.key}
                      scope="col"
                      aria-sort={
                        sort.key === c.key && c.compare ? (sort.dir === "asc" ? "ascending" : "descending") : undefined
                      }
                      className={`px-3 py-2 align-bottom font-semibold whitespace-nowrap ${c.numeric ? "text-right" : "text-left"}`}
                    >
                      {c.compare ? (
                        <button
                          type="button"
                          className="inline-flex items-center gap-1 rounded-sm font-semibold hover:underline"
                          onClick={() =>
                            setSort((s) =>
                              s.key === c.key
                                ? { key: c.key, dir: s.dir === "asc" ? "desc" : "asc" }
                                : { key: c.key, dir: c.numeric ? "desc" : "asc" },
                            )
                          }
                        >
                          {c.label}
                          <span aria-hidden="true">{sort.key === c.key ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}</span>
                        </button>
                      ) : (
                        c.label
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {sorted.map((r, i) => (
                  <tr
                    key={spec.id(r)}
                    className={`border-t border-slate-200 align-top dark:border-slate-800 ${i % 2 ? "bg-slate-50 dark:bg-slate-950" : ""}`}
                  >
                    {columns.map((c, j) =>
                      j === 0 ? (
                        <th key={c.key} scope="row" className="min-w-36 px-3 py-1.5 text-left font-normal">
                          {c.cell(r, ctx)}
                        </th>
                      ) : (
                        <td key={c.key} className={`px-3 py-1.5 ${c.numeric ? "text-right tabular-nums" : ""}`}>
                          {c.cell(r, ctx)}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          {total > 0 && `Showing ${formatCount(items.length)} of ${formatCount(total)}.`}
        </p>
        {q.hasNextPage && (
          <button
            type="button"
            className="rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
            disabled={q.isFetchingNextPage}
            onClick={() => void q.fetchNextPage()}
          >
            {q.isFetchingNextPage
              ? "Loading…"
              : `Load ${formatCount(Math.min(RECORDS_PAGE_SIZE, total - items.length))} more`}
          </button>
        )}
        {q.isFetchNextPageError && <p role="alert">The next page could not be loaded: {q.error?.message}</p>}
      </div>
    </div>
  );
}
