import "server-only";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import {
  BENCHMARK_NAMES,
  buildHierarchy,
  resolveScope,
  exportParamsKey,
  parseExportRequest,
  CREATED_MESSAGE,
  REUSED_MESSAGE,
  downloadPath,
  type ExportCreateResponse,
  type ExportStatusResponse,
  type ExportParams,
} from "@/lib/dora";
import { ApiError, invalid, notFound } from "@/lib/server";
import { listTeams } from "./dataset";
import type { Engine } from "./engine";
import type { Scope } from "./ingest";
import { EXPORT_ID_PATTERN, findJob, type JobRow } from "./jobs/repo";
import { writerOf } from "./writer";

const iso = (ms: number | null) => (ms === null ? undefined : new Date(ms).toISOString());

// POST /v2/insights/efficiency/exports (spec §5)
export async function createExport(
  engine: Engine,
  scope: Scope,
  body: unknown,
): Promise<{ reused: boolean; response: ExportCreateResponse }> {
  const parsed = parseExportRequest(body, {
    orgIdentifier: scope.org,
    projectIdentifier: scope.project,
    benchmarks: BENCHMARK_NAMES,
  });
  if (!parsed.ok) throw invalid("The export request is invalid.", parsed.details);
  const teams = await listTeams(engine.db, scope);
  try {
    resolveScope(buildHierarchy(teams), parsed.params.scope);
  } catch {
    const what =
      parsed.params.scope.kind === "team"
        ? `Team ${parsed.params.scope.teamId}`
        : `Org tree ${parsed.params.scope.orgTreeName}`;
    throw notFound(`${what} was not found in this project.`);
  }
  const { job, reused } = await writerOf(engine).createJob(
    scope,
    parsed.params,
    exportParamsKey(parsed.params, scope.org, scope.project),
  );
  if (!reused) engine.runner?.notify();
  return {
    reused,
    response: {
      exportId: job.id,
      status: job.status,
      createdAt: new Date(job.created_at).toISOString(),
      message: reused ? REUSED_MESSAGE : CREATED_MESSAGE,
    },
  };
}

async function jobOrNotFound(engine: Engine, scope: Scope, id: string): Promise<JobRow> {
  const job = EXPORT_ID_PATTERN.test(id) ? await findJob(engine.db, scope, id) : undefined;
  if (!job) throw notFound(`Export ${id.slice(0, 40)} was not found.`);
  return job;
}

export function statusOf(job: JobRow): ExportStatusResponse {
  return {
    exportId: job.id,
    status: job.status,
    createdAt: new Date(job.created_at).toISOString(),
    startedAt: iso(job.started_at),
    completedAt: iso(job.completed_at),
    ...(job.status === "COMPLETED"
      ? { downloadUrl: downloadPath(job.id), rowCount: job.row_count ?? 0, sizeBytes: job.size_bytes ?? 0 }
      : {}),
    ...(job.status === "FAILED"
      ? { error: { code: job.error_code ?? "EXPORT_FAILED", message: job.error_message ?? "The export failed." } }
      : {}),
  };
}

// GET /v2/insights/efficiency/exports/{exportId}
export async function exportStatus(engine: Engine, scope: Scope, id: string): Promise<ExportStatusResponse> {
  return statusOf(await jobOrNotFound(engine, scope, id));
}

export interface ExportDownload {
  body: ReadableStream<Uint8Array>;
  headers: Record<string, string>;
}

// GET /v2/insights/efficiency/exports/{exportId}/download
export async function openExportDownload(
  engine: Engine,
  scope: Scope,
  id: string,
  now = Date.now(),
): Promise<ExportDownload> {
  const job = await jobOrNotFound(engine, scope, id);
  if (job.status !== "COMPLETED") throw new ApiError("NOT_READY", `Export ${job.id} is ${job.status}, not COMPLETED.`);
  const file = job.artifact ? path.join(engine.exportsDir, job.artifact) : null;
  if ((job.expires_at !== null && job.expires_at <= now) || !file || !fs.existsSync(file)) {
    throw new ApiError("GONE", `Export ${job.id} has expired; create it again.`);
  }
  const gzip = (JSON.parse(job.params) as ExportParams).compression === "gzip";
  const stream = fs.createReadStream(file);
  return {
    body: Readable.toWeb(stream) as ReadableStream<Uint8Array>,
    headers: {
      "Content-Type": gzip ? "application/gzip" : "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="efficiency-${job.id}.csv${gzip ? ".gz" : ""}"`,
      "Content-Length": String(fs.statSync(file).size),
      "Cache-Control": "private, no-store",
    },
  };
}
