// SEI's JSON into Fourfold's types, validated, tolerant of what the real API documents loosely:
// status in any case (and a few synonyms), nulls for absent fields, an answer wrapped in `data`.
import { z } from "zod";
import { exportStatusResponseSchema, type ExportStatus, type ExportStatusResponse } from "@/lib/dora";
import { ApiError } from "@/lib/server";

const SYNONYMS: Record<string, ExportStatus> = {
  QUEUED: "QUEUED",
  PENDING: "QUEUED",
  SUBMITTED: "QUEUED",
  PROCESSING: "PROCESSING",
  RUNNING: "PROCESSING",
  IN_PROGRESS: "PROCESSING",
  COMPLETED: "COMPLETED",
  COMPLETE: "COMPLETED",
  SUCCEEDED: "COMPLETED",
  SUCCESS: "COMPLETED",
  FAILED: "FAILED",
  FAILURE: "FAILED",
  ERROR: "FAILED",
};

function unwrap(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return {};
  const obj = body as Record<string, unknown>;
  const data = obj.data;
  if (!("exportId" in obj) && typeof data === "object" && data !== null && !Array.isArray(data))
    return data as Record<string, unknown>;
  return obj;
}

function normalised(body: unknown): Record<string, unknown> {
  const obj = { ...unwrap(body) };
  if (typeof obj.status === "string")
    obj.status = SYNONYMS[obj.status.trim().toUpperCase().replace(/[\s-]/g, "_")] ?? obj.status;
  if (obj.exportId === undefined && typeof obj.id === "string") obj.exportId = obj.id;
  delete obj.id;
  return obj;
}

const badAnswer = () => new ApiError("UPSTREAM_FAILED", "SEI sent an answer the dashboard could not read.");

export function toStatus(body: unknown): ExportStatusResponse {
  const parsed = exportStatusResponseSchema.safeParse(normalised(body));
  if (!parsed.success) throw badAnswer();
  return parsed.data;
}

const createdSchema = z.object({
  exportId: z.string().min(1),
  status: z.enum(["QUEUED", "PROCESSING", "COMPLETED", "FAILED"]),
  createdAt: z.string().nullish(),
  message: z.string().nullish(),
});

export function toCreated(body: unknown, reused: boolean) {
  const parsed = createdSchema.safeParse(normalised(body));
  if (!parsed.success) throw badAnswer();
  const { exportId, status, createdAt } = parsed.data;
  return { exportId, status, createdAt: createdAt ?? new Date().toISOString(), reused };
}
