// Export jobs through the V2 API: create, then poll (every 50 ms unless told) until COMPLETED,
// timing both the job (create → COMPLETED) and every poll.
import { call, type Client } from "./client";

export const ALL_GROUPS = [
  "lttc",
  "work_items",
  "deployment_frequency",
  "cfr",
  "mttr",
  "fdrt",
  "rework",
  "rating",
  "summary",
];

export interface ExportSpec {
  scope: Record<string, string>;
  start: string;
  end: string;
  timezone: string;
}

export interface ExportRun {
  exportId: string;
  /** Client-observed: POST sent → a poll answering COMPLETED (so up to one poll interval late). */
  ms: number;
  /** The server's own completedAt − createdAt. */
  serverMs: number;
  /** The server's startedAt − createdAt: how long the job waited for the worker. */
  queuedMs: number;
  rowCount: number;
  sizeBytes: number;
  pollMs: number[];
}

const POLL_EVERY_MS = 50;

export function exportBody(spec: ExportSpec): unknown {
  return {
    scope: spec.scope,
    dateRange: { start: spec.start, end: spec.end },
    metricGroups: ALL_GROUPS,
    options: {
      granularity: "WEEKLY",
      aggregation: "median",
      compression: "gzip",
      format: "csv",
      timezone: spec.timezone,
    },
  };
}

export async function runExport(
  c: Client,
  spec: ExportSpec,
  timeoutMs: number,
  pollEveryMs = POLL_EVERY_MS,
): Promise<ExportRun> {
  const t0 = performance.now();
  const created = await call(c, "POST", "/v2/insights/efficiency/exports", exportBody(spec));
  const job = created.body as { exportId?: string; message?: string };
  if (created.status !== 202 || !job.exportId) {
    throw new Error(
      `export create: HTTP ${created.status} ${JSON.stringify(created.body).slice(0, 300)} (a 200 means a reused job)`,
    );
  }
  const pollMs: number[] = [];
  for (let next = t0 + pollEveryMs; performance.now() - t0 < timeoutMs; next += pollEveryMs) {
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    else next = performance.now();
    const r = await call(c, "GET", `/v2/insights/efficiency/exports/${job.exportId}`, undefined, 30_000);
    const s = r.body as {
      status?: string;
      createdAt?: string;
      startedAt?: string;
      completedAt?: string;
      rowCount?: number;
      sizeBytes?: number;
      error?: unknown;
    };
    if (r.status !== 200) throw new Error(`export poll: HTTP ${r.status}`);
    if (s.status === "FAILED") throw new Error(`export ${job.exportId} FAILED: ${JSON.stringify(s.error)}`);
    if (s.status === "COMPLETED") {
      return {
        exportId: job.exportId,
        ms: performance.now() - t0,
        serverMs: Date.parse(s.completedAt!) - Date.parse(s.createdAt!),
        queuedMs: Date.parse(s.startedAt!) - Date.parse(s.createdAt!),
        rowCount: s.rowCount ?? 0,
        sizeBytes: s.sizeBytes ?? 0,
        pollMs,
      };
    }
    pollMs.push(r.ms);
  }
  throw new Error(`export ${job.exportId} not COMPLETED within ${timeoutMs / 1000} s`);
}
