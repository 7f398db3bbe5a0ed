// The export a view needs: created (or reused) through the proxy, polled until final, downloaded
// and parsed in a worker. Query keys come from here only.
import { queryOptions } from "@tanstack/react-query";
import type { ExportRequestInput, ExportStatus } from "@/lib/dora";
import type { ParsedExport } from "@/lib/browser/csv/model";
import { parseCsvInWorker } from "@/lib/browser/csv/parse-client";
import type { ExportStatusView } from "@/lib/contract";
import { csvDownloadPath, sameRequest, type CreatedExport, type EarlyAnswer } from "./export-request";
import { ApiProblem, fetchJson, problemOf } from "./fetch-json";

// The proxy's answer types are declared once, beside the code that builds them (types only: nothing of
// the server is bundled).
export type { ExportStatusView, ExportView } from "@/lib/contract";
export type { ExportStatus } from "@/lib/dora";

export const isFinal = (s: ExportStatus | undefined) => s === "COMPLETED" || s === "FAILED";

/** About 1 s, growing by half each poll, at most 10 s. */
export function pollDelay(polls: number): number {
  return Math.min(10_000, Math.round(1000 * 1.5 ** polls));
}

export const exportKeys = {
  all: ["exports"] as const,
  create: (body: ExportRequestInput) => ["exports", "create", body] as const,
  status: (id: string) => ["exports", "status", id] as const,
  parsed: (id: string) => ["exports", "parsed", id] as const,
  list: () => ["exports", "list"] as const,
};

export function createExport(body: ExportRequestInput): Promise<CreatedExport> {
  return fetchJson("/api/exports", { method: "POST", body: JSON.stringify(body) });
}

/**
 * Opening a view creates (or reuses) its export; the proxy and SEI dedupe identical requests.
 * `early()` hands over, once, what the server page already started for a body; when it is for
 * another body (or nothing), the browser asks the proxy itself.
 */
export const ensureExportOptions = (body: ExportRequestInput, early?: () => Promise<EarlyAnswer | null> | null) =>
  queryOptions({
    queryKey: exportKeys.create(body),
    queryFn: async () => {
      const found = await early?.();
      if (!found || !sameRequest(found.body, body)) return createExport(body);
      if ("problem" in found) throw new ApiProblem(found.problem.status, found.problem.code, found.problem.message);
      return found.created;
    },
    staleTime: 10 * 60_000,
    retry: (count, err) =>
      count < 2 && (err as { status?: number }).status !== 403 && (err as { status?: number }).status !== 400,
  });

export const exportStatusOptions = (id: string) =>
  queryOptions({
    queryKey: exportKeys.status(id),
    queryFn: () => fetchJson<ExportStatusView>(`/api/exports/${encodeURIComponent(id)}`),
    refetchInterval: (q) => (isFinal(q.state.data?.status) ? false : pollDelay(q.state.dataUpdateCount)),
    // A final state never changes: one already known (e.g. from the server page) is not asked again.
    staleTime: (q) => (isFinal(q.state.data?.status) ? Infinity : 0),
    refetchOnWindowFocus: false,
  });

export async function downloadAndParse(id: string): Promise<ParsedExport> {
  // Same URL and credentials as the page's preload of it (app/(app)/_components/early-download.tsx).
  performance.mark("fourfold:view-download");
  const res = await fetch(csvDownloadPath(id), { credentials: "same-origin" });
  if (!res.ok) throw await problemOf(res);
  const blob = await res.blob();
  const started = performance.now();
  const model = await parseCsvInWorker(blob);
  performance.measure("fourfold:view-parse", { start: started, end: performance.now() });
  return model;
}

export const parsedExportOptions = (id: string, enabled: boolean) =>
  queryOptions({
    queryKey: exportKeys.parsed(id),
    queryFn: () => downloadAndParse(id),
    enabled,
    staleTime: Infinity,
    gcTime: 10 * 60_000,
  });
