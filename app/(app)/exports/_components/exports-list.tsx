"use client";

// The exports this user may see, newest first, a page at a time.
import { useInfiniteQuery } from "@tanstack/react-query";
import { exportKeys, type ExportView, fetchJson } from "@/lib/browser";
import { ExportCard } from "./export-card";

interface ExportPage {
  items: ExportView[];
  nextCursor: string | null;
}

function fetchPage(cursor: string | null): Promise<ExportPage> {
  const q = new URLSearchParams({ limit: "20" });
  if (cursor) q.set("cursor", cursor);
  return fetchJson<ExportPage>(`/api/exports?${q.toString()}`);
}

export function ExportsList() {
  const list = useInfiniteQuery({
    queryKey: exportKeys.list(),
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  if (list.isPending) return <p role="status">Loading exports…</p>;
  if (list.isError)
    return (
      <p
        role="alert"
        className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
      >
        The exports could not be loaded: {list.error.message}
      </p>
    );
  const items = list.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <p>No exports yet. Opening a team or org-tree view makes one.</p>;
  return (
    <div className="space-y-3">
      <ul aria-label="Exports" className="space-y-3">
        {items.map((item) => (
          <li key={item.id}>
            <ExportCard item={item} />
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <button
          type="button"
          onClick={() => void list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          {list.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      )}
    </div>
  );
}
