// The dashboard API's answers about an export, as the browser receives them.
import type { ExportStatusResponse, ExportParams } from "@/lib/dora";

/** Whose figures an export holds: one team (and its sub-teams) or one org tree. */
export type RegisteredScope = { kind: "team"; teamId: string } | { kind: "orgTree"; orgTreeName: string };

export interface ExportView {
  id: string;
  scope: RegisteredScope;
  params: ExportParams;
  createdBy: string;
  createdAt: string;
}

export interface ExportStatusView extends ExportView {
  status: ExportStatusResponse["status"];
  upstreamCreatedAt: string;
  startedAt: string | null;
  completedAt: string | null;
  rowCount: number | null;
  sizeBytes: number | null;
  /** FAILED only. */
  error: { code: string; message: string } | null;
  /** COMPLETED only: the dashboard's own download route, never SEI's address. */
  downloadUrl: string | null;
}
