// The export a view needs: created (or reused) through the proxy, polled until final, downloaded
// and parsed in a worker. Query keys come from here only.
import { queryOptions } from "@tanstack/react-query";
import type { ExportRequestInput } from "@/lib/dora/schemas/export-request";
import type { ParsedExport } from "@/lib/browser/csv/model";
import { parseCsvInWorker } from "@/lib/browser/csv/parse-client";
import type { ExportStatus } from "@/lib/dora/schemas/export-response";
import type { ExportStatusView, ExportView } from "@/lib/registry/views";
import { fetchJson, problemOf } from "./fetch-json";

// The proxy's answer types are declared once, beside the code that builds them (types only: nothing of
// the server is bundled).
export type { ExportStatusView, ExportView } from "@/lib/registry/views";
export type { ExportStatus } from "@/lib/dora/schemas/export-response";

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

export function createExport(body: ExportRequestInput): Promise<{ export: ExportView; status: ExportStatus; reused: boolean }> {
  return fetchJson("/api/exports", { method: "POST", body: JSON.stringify(body) });
}

/** Opening a view creates (or reuses) its export; the proxy and SEI dedupe identical requests. */
export const ensureExportOptions = (body: ExportRequestInput) =>
  queryOptions({
    queryKey: exportKeys.create(body),
    queryFn: () => createExport(body),
    staleTime: 10 * 60_000,
    retry: (count, err) => count < 2 && (err as { status?: number }).status !== 403 && (err as { status?: number }).status !== 400,
  });

export const exportStatusOptions = (id: string) =>
  queryOptions({
    queryKey: exportKeys.status(id),
    queryFn: () => fetchJson<ExportStatusView>(`/api/exports/${encodeURIComponent(id)}`),
    refetchInterval: (q) => (isFinal(q.state.data?.status) ? false : pollDelay(q.state.dataUpdateCount)),
    refetchOnWindowFocus: false,
  });

export async function downloadAndParse(id: string, onProgress?: (fraction: number) => void): Promise<ParsedExport> {
  const res = await fetch(`/api/exports/${encodeURIComponent(id)}/download?as=csv`, { credentials: "same-origin" });
  if (!res.ok) throw await problemOf(res);
  const blob = await res.blob();
  return parseCsvInWorker(blob, (p) => onProgress?.(p.fraction));
}

export const parsedExportOptions = (id: string, enabled: boolean) =>
  queryOptions({
    queryKey: exportKeys.parsed(id),
    queryFn: () => downloadAndParse(id),
    enabled,
    staleTime: Infinity,
    gcTime: 10 * 60_000,
  });
