import type { ExportCreateResponse, ExportStatusResponse, LegacyReportRequest, ExportParams } from "@/lib/dora";
import type { Directory } from "@/lib/access";
import type { Coverage, CoverageQuery, RecordsPage, RecordsQuery } from "@/lib/contract";

/** A created export, in Fourfold's terms: `reused` when SEI answered with an identical recent one. */
export interface CreatedExport extends Omit<ExportCreateResponse, "message"> {
  reused: boolean;
}

export interface SeiLimits {
  /** The most bytes a CSV may have once decompressed (default 200 MB). */
  maxCsvBytes: number;
}

/**
 * The one way to SEI. Two transports: HTTP to Harness, and the embedded engine in-process. Inputs
 * are already validated; answers are Fourfold's own types. Errors are ApiErrors with stable codes.
 */
export interface SeiClient {
  readonly mode: "harness" | "embedded";
  /** Names the connection in the exports registry: `embedded`, or `harness:<host><prefix>`. */
  readonly connection: string;
  /** The org and project every call is made in. */
  readonly identifiers: { org: string; project: string };
  readonly limits: SeiLimits;
  createExport(params: ExportParams, signal?: AbortSignal): Promise<CreatedExport>;
  exportStatus(exportId: string, signal?: AbortSignal): Promise<ExportStatusResponse>;
  /** The export's file, as SEI stored it (gzip or plain CSV); cancelling the stream aborts the upstream call. */
  openDownload(exportId: string, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>>;
  /** The legacy report's CSV. */
  legacyReport(request: LegacyReportRequest, signal?: AbortSignal): Promise<string>;
  /** The teams and org trees SEI can tell of (for Harness: the configured file). */
  directory(): Promise<Directory>;
  /**
   * The records behind a figure (engine spec §9): the embedded engine only. Harness SEI has no such
   * API, so its transport has no such method.
   */
  records?(query: RecordsQuery, signal?: AbortSignal): Promise<RecordsPage>;
  /** How much of the data the figures see (engine spec §9): the embedded engine only. */
  coverage?(query: CoverageQuery, signal?: AbortSignal): Promise<Coverage>;
}

export const DEFAULT_LIMITS: SeiLimits = { maxCsvBytes: 200 * 1024 * 1024 };

/** Export ids as the routes accept them: SEI's own are `exp_` and 10 base36 characters. */
export const EXPORT_ID = /^[A-Za-z0-9_-]{1,64}$/;
