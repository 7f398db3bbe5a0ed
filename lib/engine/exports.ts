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
import { isPostgres } from "@/lib/store";
import { listTeams } from "./dataset";
import type { Engine } from "./engine";
import type { Scope } from "./ingest";
import { hasStoredArtifact, storedArtifact } from "./jobs/artifacts";
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
  const gone = () => new ApiError("GONE", `Export ${job.id} has expired; create it again.`);
  if ((job.expires_at !== null && Number(job.expires_at) <= now) || !job.artifact) throw gone();
  const local = path.join(engine.exportsDir, job.artifact);
  // On PostgreSQL a job copied from a SQLite store (`npm run db -- copy`) may have its file in this
  // instance's folder rather than in the store.
  const opened = isPostgres(engine.db) ? ((await openStored(engine, job)) ?? openLocal(local)) : openLocal(local);
  if (!opened) throw gone();
  const gzip = (JSON.parse(job.params) as ExportParams).compression === "gzip";
  return {
    body: Readable.toWeb(opened.stream) as ReadableStream<Uint8Array>,
    headers: {
      "Content-Type": gzip ? "application/gzip" : "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="efficiency-${job.id}.csv${gzip ? ".gz" : ""}"`,
      "Content-Length": String(opened.size),
      "Cache-Control": "private, no-store",
    },
  };
}

type Opened = { stream: Readable; size: number } | null;

/** SQLite: the file in this server's exports folder. */
function openLocal(file: string): Opened {
  if (!fs.existsSync(file)) return null;
  return { stream: fs.createReadStream(file), size: fs.statSync(file).size };
}

/** PostgreSQL: the file the completing instance put into the store, whichever instance that was. */
async function openStored(engine: Engine, job: JobRow): Promise<Opened> {
  if (!(await hasStoredArtifact(engine.db, job.id))) return null;
  const size = Number(job.size_bytes ?? 0);
  return { stream: Readable.from(storedArtifact(engine.db, job.id, size), { objectMode: false }), size };
}
