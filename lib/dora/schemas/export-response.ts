// Responses of the V2 export API (spec §5): what the engine sends and what the dashboard reads back.
import { z } from "zod";

export const EXPORT_STATUSES = ["QUEUED", "PROCESSING", "COMPLETED", "FAILED"] as const;
export const exportStatusSchema = z.enum(EXPORT_STATUSES);
export type ExportStatus = z.infer<typeof exportStatusSchema>;

export const CREATED_MESSAGE = "Export job created successfully";
export const REUSED_MESSAGE = "Using existing export with identical parameters";

export const exportCreateResponseSchema = z.object({
  exportId: z.string(),
  status: exportStatusSchema,
  createdAt: z.string(),
  message: z.string(),
});
export type ExportCreateResponse = z.infer<typeof exportCreateResponseSchema>;

// Upstream services may write an absent field as null; read that as absent.
function dropNulls(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
}

export const exportStatusResponseSchema = z.preprocess(
  dropNulls,
  z.object({
    exportId: z.string(),
    status: exportStatusSchema,
    createdAt: z.string(),
    startedAt: z.string().optional(),
    completedAt: z.string().optional(),
    /** COMPLETED only. */
    downloadUrl: z.string().optional(),
    rowCount: z.number().int().nonnegative().optional(),
    sizeBytes: z.number().int().nonnegative().optional(),
    /** FAILED only. */
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  }),
);
export type ExportStatusResponse = z.infer<typeof exportStatusResponseSchema>;

/** The download path a COMPLETED job's status carries. */
export function downloadPath(exportId: string): string {
  return `/v2/insights/efficiency/exports/${exportId}/download`;
}
