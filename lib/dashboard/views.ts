// What the browser gets for an export (the wire types are lib/contract's): the registry's record,
// and its live status when polled.
import type { ExportStatusView, ExportView } from "@/lib/contract";
import type { ExportStatusResponse } from "@/lib/dora";
import type { RegisteredExport } from "./exports";

export function exportView(e: RegisteredExport): ExportView {
  return { id: e.id, scope: e.scope, params: e.params, createdBy: e.createdBy, createdAt: e.createdAt };
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function statusView(e: RegisteredExport, s: ExportStatusResponse): ExportStatusView {
  return {
    ...exportView(e),
    status: s.status,
    upstreamCreatedAt: s.createdAt,
    startedAt: s.startedAt ?? null,
    completedAt: s.completedAt ?? null,
    rowCount: s.rowCount ?? null,
    sizeBytes: s.sizeBytes ?? null,
    // SEI's reason is shown, cut short: it is one chosen field, never a whole upstream body.
    error:
      s.status === "FAILED"
        ? {
            code: clip(s.error?.code ?? "EXPORT_FAILED", 64),
            message: clip(s.error?.message ?? "The export failed.", 300),
          }
        : null,
    downloadUrl: s.status === "COMPLETED" ? `/api/exports/${encodeURIComponent(e.id)}/download` : null,
  };
}
