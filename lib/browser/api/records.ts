// The records behind a figure and the data coverage, through the dashboard's proxy (engine spec
// §9). Pages of records load by cursor ("load more"); both are cached a while, as the store
// changes only as data arrives. Query keys come from here only.
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { Coverage, RecordMetric, RecordsPage } from "@/lib/contract";
import { fetchJson } from "./fetch-json";

export type { Coverage, RecordMetric, RecordsPage } from "@/lib/contract";

/** Enough for a month of most teams at once (so its sort is over all of them); the rest by "load more". */
export const RECORDS_PAGE_SIZE = 500;

export interface FigureQuery {
  teamId: string;
  start: string;
  end: string;
}

export const recordsKeys = {
  all: ["records"] as const,
  records: (q: FigureQuery, metric: RecordMetric) => ["records", "list", q.teamId, metric, q.start, q.end] as const,
  coverage: (q: FigureQuery) => ["records", "coverage", q.teamId, q.start, q.end] as const,
};

/** The proxy's address of a page of records; `cursor` is the previous page's nextCursor. */
export function recordsPath(q: FigureQuery, metric: RecordMetric, cursor: string | null, limit = RECORDS_PAGE_SIZE) {
  const p = new URLSearchParams({ teamId: q.teamId, metric, start: q.start, end: q.end, limit: String(limit) });
  if (cursor !== null) p.set("cursor", cursor);
  return `/api/records?${p}`;
}

export const coveragePath = (q: FigureQuery) =>
  `/api/coverage?${new URLSearchParams({ teamId: q.teamId, start: q.start, end: q.end })}`;

export const recordsOptions = (q: FigureQuery, metric: RecordMetric) =>
  infiniteQueryOptions({
    queryKey: recordsKeys.records(q, metric),
    queryFn: ({ pageParam, signal }) => fetchJson<RecordsPage>(recordsPath(q, metric, pageParam), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 5 * 60_000,
    retry: (count, err) => count < 2 && ((err as { status?: number }).status ?? 500) >= 500,
  });

export const coverageOptions = (q: FigureQuery, enabled: boolean) =>
  queryOptions({
    queryKey: recordsKeys.coverage(q),
    queryFn: ({ signal }) => fetchJson<Coverage>(coveragePath(q), { signal }),
    enabled,
    staleTime: 5 * 60_000,
    retry: (count, err) => count < 2 && ((err as { status?: number }).status ?? 500) >= 500,
  });
