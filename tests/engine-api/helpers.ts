// Request-level test helpers: a private engine per test file, request builders for every engine
// route, and polling. Handlers are called directly, as Next.js would call them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { sql } from "kysely";
import { NextRequest } from "next/server";
import Papa from "papaparse";
import { afterAll, beforeAll } from "vitest";
import * as ingestRoute from "@/app/v2/ingest/[kind]/route";
import * as deleteRoute from "@/app/v2/ingest/[kind]/[id]/route";
import * as downloadRoute from "@/app/v2/insights/efficiency/exports/[exportId]/download/route";
import * as pollRoute from "@/app/v2/insights/efficiency/exports/[exportId]/route";
import * as createRoute from "@/app/v2/insights/efficiency/exports/route";
import * as coverageRoute from "@/app/v2/insights/efficiency/coverage/route";
import * as recordsRoute from "@/app/v2/insights/efficiency/records/route";
import * as reportRoute from "@/app/v2/insights/teams/reports/route";
import { getRuntime, type Runtime } from "@/lib/runtime";
import { usePostgresIfAsked } from "@/lib/store/testing/test-store";
import { VACUUM_MIN_ROWS } from "@/lib/store/postgres";
import type { Store } from "@/lib/store";

export const KEY = "ff_test_key_for_request_level_tests";
export const AUTH = `ApiKey ${KEY}`;
export const ORG = "acme";
export const PROJECT = "web";
const BASE = "http://localhost:3000";

/**
 * Gives this test file its own engine: a fresh data folder, one API key, no demo data. The
 * environment is read once per process, so this must run before the first handler call.
 * `jobs: false` starts no export worker, so every job stays QUEUED.
 */
export function setupEngine(opts: { jobs?: boolean } = {}): () => Promise<Runtime> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-api-"));
  Object.assign(process.env, {
    FOURFOLD_DATA_DIR: dir,
    FOURFOLD_API_KEYS: KEY,
    FOURFOLD_DEMO: "off",
    FOURFOLD_LOG: "silent",
    // Set so the bootstrap does not print a generated admin password.
    FOURFOLD_ADMIN_EMAIL: "admin@example.com",
    FOURFOLD_ADMIN_PASSWORD: "correct-horse-battery",
  });
  let drop = async () => {};
  beforeAll(async () => {
    drop = await usePostgresIfAsked();
    await getRuntime({ jobs: opts.jobs ?? true });
  });
  afterAll(async () => {
    const runtime = await getRuntime();
    await runtime.engine.runner?.stop();
    await runtime.db.destroy();
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => getRuntime();
}

export interface CallOptions {
  /** The authorization header; null sends none. */
  auth?: string | null;
  org?: string | null;
  project?: string | null;
  query?: Record<string, string>;
}

/** A request as Next.js would hand it over; an object body is sent as JSON, a string or bytes verbatim. */
export function request(method: string, pathname: string, body?: unknown, opts: CallOptions = {}): NextRequest {
  const url = new URL(pathname, BASE);
  const org = opts.org === undefined ? ORG : opts.org;
  const project = opts.project === undefined ? PROJECT : opts.project;
  if (project !== null) url.searchParams.set("projectIdentifier", project);
  if (org !== null) url.searchParams.set("orgIdentifier", org);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers({ "content-type": "application/json" });
  const auth = opts.auth === undefined ? AUTH : opts.auth;
  if (auth !== null) headers.set("authorization", auth);
  const text =
    body === undefined || typeof body === "string"
      ? body
      : body instanceof Uint8Array
        ? Buffer.from(body)
        : JSON.stringify(body);
  return new NextRequest(url, { method, headers, body: text });
}

const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });

export const api = {
  createExport: (body: unknown, opts?: CallOptions) =>
    createRoute.POST(request("POST", "/v2/insights/efficiency/exports", body, opts), ctx({})),
  poll: (exportId: string, opts?: CallOptions) =>
    pollRoute.GET(request("GET", `/v2/insights/efficiency/exports/${exportId}`, undefined, opts), ctx({ exportId })),
  download: (exportId: string, opts?: CallOptions) =>
    downloadRoute.GET(
      request("GET", `/v2/insights/efficiency/exports/${exportId}/download`, undefined, opts),
      ctx({ exportId }),
    ),
  ingest: (kind: string, body: unknown, opts?: CallOptions) =>
    ingestRoute.POST(request("POST", `/v2/ingest/${kind}`, body, opts), ctx({ kind })),
  remove: (kind: string, id: string, opts?: CallOptions) =>
    deleteRoute.DELETE(request("DELETE", `/v2/ingest/${kind}/${id}`, undefined, opts), ctx({ kind, id })),
  report: (body: unknown, opts?: CallOptions) =>
    reportRoute.POST(request("POST", "/v2/insights/teams/reports", body, opts), ctx({})),
  /** `query` holds the parameters; a list repeats one. */
  records: (query: Record<string, string | string[]>, opts?: CallOptions) =>
    recordsRoute.GET(withQuery("GET", "/v2/insights/efficiency/records", query, opts), ctx({})),
  coverage: (query: Record<string, string | string[]>, opts?: CallOptions) =>
    coverageRoute.GET(withQuery("GET", "/v2/insights/efficiency/coverage", query, opts), ctx({})),
};

/** A GET with query parameters, some of them repeated. */
function withQuery(
  method: string,
  pathname: string,
  query: Record<string, string | string[]>,
  opts: CallOptions = {},
): NextRequest {
  const req = request(method, pathname, undefined, opts);
  const url = new URL(req.url);
  for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) url.searchParams.append(k, one);
  return new NextRequest(url, { method, headers: req.headers });
}

export interface ErrorBody {
  code: string;
  message: string;
  details?: { field?: string; index?: number; message: string }[];
}

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** Ingests `items` of one kind and fails loudly when the engine refuses them. */
export async function ingestOk(kind: string, items: unknown[], opts?: CallOptions): Promise<void> {
  const res = await api.ingest(kind, { items }, opts);
  if (res.status !== 200) throw new Error(`ingest ${kind}: ${res.status} ${await res.text()}`);
}

/** Polls until the job is COMPLETED or FAILED (the worker is woken on create, so this is quick). */
export async function pollUntilFinal(
  exportId: string,
  opts?: CallOptions,
  timeoutMs = 15_000,
): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const body = await json(await api.poll(exportId, opts));
    if (body.status === "COMPLETED" || body.status === "FAILED") return body;
    if (Date.now() > until) throw new Error(`export ${exportId} still ${String(body.status)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A downloaded CSV as text (gunzipped when the response says gzip). */
export async function csvText(res: Response): Promise<string> {
  const bytes = Buffer.from(await res.arrayBuffer());
  return res.headers.get("content-type") === "application/gzip"
    ? gunzipSync(bytes).toString("utf8")
    : bytes.toString("utf8");
}

/** CSV rows as records keyed by the header row. */
export function parseCsv(text: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`bad CSV: ${parsed.errors[0]!.message}`);
  return parsed.data;
}

/** A minimal valid export body for `teamId`, to be overridden per case. */
export function exportBody(teamId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    scope: { teamId },
    dateRange: { start: "2026-01-01", end: "2026-02-28" },
    metricGroups: ["lttc", "df"],
    options: { granularity: "MONTHLY" },
    ...overrides,
  };
}

/** When PostgreSQL last vacuumed `work_items` (epoch ms), or null when it never has. */
export async function workItemsVacuumedAt(db: Store): Promise<number | null> {
  const { rows } = await sql<{ at: Date | null }>`SELECT last_vacuum AS at FROM pg_stat_user_tables
    WHERE schemaname = current_schema() AND relname = 'work_items'`.execute(db);
  return rows[0]?.at?.getTime() ?? null;
}

/** Grows `work_items` enough for the store writer to vacuum it: twice VACUUM_MIN_ROWS, 500 a batch. */
export async function growWorkItems(): Promise<void> {
  const items = Array.from({ length: 2 * VACUUM_MIN_ROWS }, (_, i) => ({
    id: `bulk-${i}`,
    teamId: "pay",
    key: `PAY-${1000 + i}`,
    createdAt: "2026-02-01T00:00:00Z",
    resolvedAt: "2026-02-03T00:00:00Z",
  }));
  for (let i = 0; i < items.length; i += 500) await ingestOk("work-items", items.slice(i, i + 500));
}
