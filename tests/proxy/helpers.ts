// Request-level helpers for the proxy: a private runtime per test file (Harness mode against the
// fake SEI, or the embedded engine), users with scopes, session cookies, and the /api routes called
// directly with NextRequest, as Next.js would call them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll } from "vitest";
import * as downloadRoute from "@/app/api/exports/[id]/download/route";
import * as pollRoute from "@/app/api/exports/[id]/route";
import * as exportsRoute from "@/app/api/exports/route";
import * as coverageRoute from "@/app/api/coverage/route";
import * as recordsRoute from "@/app/api/records/route";
import * as reportsRoute from "@/app/api/reports/route";
import * as scopesRoute from "@/app/api/scopes/route";
import { startSession } from "@/lib/auth/sessions";
import { addUser, type User } from "@/lib/auth/users";
import { getRuntime, type Runtime } from "@/lib/runtime";
import { usePostgresIfAsked } from "@/lib/store/testing/test-store";
import { FakeSei } from "./fake-sei";

export const ORIGIN = "http://localhost:3000";
export const KEY = "sei_test_key_c0ffee_must_never_leak_9f8e7d";

/** Tree Eng: eng → pay → pay-api, eng → web. Tree Ops: ops → sre. */
export const TEAMS_FILE = {
  teams: [
    { id: "eng", name: "Engineering", parentId: null, orgTree: "Eng", refId: 1 },
    { id: "pay", name: "Payments", parentId: "eng", orgTree: "Eng", refId: 2 },
    { id: "pay-api", name: "Payments API", parentId: "pay", orgTree: "Eng", refId: 3 },
    { id: "web", name: "Web", parentId: "eng", orgTree: "Eng", refId: 4 },
    { id: "ops", name: "Operations", parentId: null, orgTree: "Ops", refId: 5 },
    { id: "sre", name: "SRE", parentId: "ops", orgTree: "Ops", refId: 6 },
  ],
  orgTrees: ["Eng", "Ops"],
};

export interface Env {
  runtime: Runtime;
  fake: FakeSei | null;
  users: { alice: User; bob: User; admin: User };
  /** Captured log lines (stdout and stderr) since the file started. */
  logs: string[];
}

/**
 * A runtime for this test file. Harness: the fake SEI is started first, as the environment is read
 * once per process. Alice may see team `pay` (and `pay-api`), Bob the org tree `Ops`.
 */
export function setupProxy(mode: "harness" | "embedded", extraEnv: Record<string, string> = {}): () => Env {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-proxy-"));
  let env: Env | undefined;
  let drop = async () => {};
  beforeAll(async () => {
    drop = await usePostgresIfAsked();
    const logs = captureLogs();
    const fake = mode === "harness" ? await new FakeSei().start() : null;
    const teamsFile = path.join(dir, "teams.json");
    fs.writeFileSync(teamsFile, JSON.stringify(TEAMS_FILE));
    Object.assign(process.env, {
      FOURFOLD_DATA_DIR: dir,
      FOURFOLD_API_KEYS: "ff_engine_key_for_proxy_tests",
      FOURFOLD_DEMO: "off",
      FOURFOLD_LOG: "on",
      FOURFOLD_ADMIN_EMAIL: "root@example.com",
      FOURFOLD_ADMIN_PASSWORD: "correct-horse-battery",
      NEXTAUTH_SECRET: "a-session-secret-for-tests-only-0123456789",
      ...(fake
        ? {
            SEI_BASE_URL: fake.baseUrl,
            SEI_API_KEY: KEY,
            SEI_ORG_IDENTIFIER: "acme",
            SEI_PROJECT_IDENTIFIER: "web",
            SEI_TEAMS_FILE: teamsFile,
          }
        : { SEI_ORG_IDENTIFIER: "acme", SEI_PROJECT_IDENTIFIER: "web" }),
      ...extraEnv,
    });
    const runtime = await getRuntime({ jobs: mode === "embedded" });
    const users = {
      alice: await addUser(runtime.db, { email: "alice@example.com", password: null, admin: false, scopes: ["pay"] }),
      bob: await addUser(runtime.db, { email: "bob@example.com", password: null, admin: false, scopes: ["tree:Ops"] }),
      admin: await addUser(runtime.db, { email: "admin@example.com", password: null, admin: true, scopes: [] }),
    };
    env = { runtime, fake, users, logs };
  });
  afterAll(async () => {
    await env?.fake?.stop();
    await env?.runtime.engine.runner?.stop();
    await env?.runtime.db.destroy();
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!env) throw new Error("setupProxy: not started");
    return env;
  };
}

/** Keeps a copy of everything written to stdout and stderr (the logger writes there), still printing nothing. */
function captureLogs(): string[] {
  const lines: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    stream.write = ((chunk: string | Uint8Array) => {
      lines.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString());
      return true;
    }) as typeof stream.write;
  }
  return lines;
}

/** A signed-in browser's cookie: a live server-side session and its JWT, as a password sign-in makes them. */
export async function sessionCookie(runtime: Runtime, user: User): Promise<string> {
  const sid = await startSession(runtime.db, { userId: user.id, provider: "credentials" });
  const token = await encode({
    token: { uid: user.id, email: user.email, sub: String(user.id), sid },
    secret: runtime.sessionSecret,
  });
  return `next-auth.session-token=${token}`;
}

export interface Call {
  user?: User | null;
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  signal?: AbortSignal;
}

/** A same-origin browser request: session cookie, Origin, Sec-Fetch-Site and JSON, unless overridden. */
export async function request(
  runtime: Runtime,
  method: string,
  pathname: string,
  call: Call = {},
): Promise<NextRequest> {
  const url = new URL(pathname, ORIGIN);
  for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers({
    origin: ORIGIN,
    "sec-fetch-site": "same-origin",
    "content-type": "application/json",
    "user-agent": "test-browser",
  });
  if (call.user) headers.set("cookie", `${await sessionCookie(runtime, call.user)}; other=browser-cookie`);
  for (const [k, v] of Object.entries(call.headers ?? {})) {
    if (v === "") headers.delete(k);
    else headers.set(k, v);
  }
  const body =
    call.body === undefined ? undefined : typeof call.body === "string" ? call.body : JSON.stringify(call.body);
  return new NextRequest(url, { method, headers, body, signal: call.signal });
}

const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });

export function api(env: () => Env) {
  const rt = () => env().runtime;
  return {
    create: async (call: Call) => exportsRoute.POST(await request(rt(), "POST", "/api/exports", call), ctx({})),
    list: async (call: Call) => exportsRoute.GET(await request(rt(), "GET", "/api/exports", call), ctx({})),
    poll: async (id: string, call: Call) =>
      pollRoute.GET(await request(rt(), "GET", `/api/exports/${id}`, call), ctx({ id })),
    download: async (id: string, call: Call) =>
      downloadRoute.GET(await request(rt(), "GET", `/api/exports/${id}/download`, call), ctx({ id })),
    report: async (call: Call) => reportsRoute.POST(await request(rt(), "POST", "/api/reports", call), ctx({})),
    scopes: async (call: Call) => scopesRoute.GET(await request(rt(), "GET", "/api/scopes", call), ctx({})),
    records: async (call: Call) => recordsRoute.GET(await request(rt(), "GET", "/api/records", call), ctx({})),
    coverage: async (call: Call) => coverageRoute.GET(await request(rt(), "GET", "/api/coverage", call), ctx({})),
  };
}

export function exportBody(
  scope: Record<string, string>,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    scope,
    dateRange: { start: "2026-01-01", end: "2026-02-28" },
    metricGroups: ["lttc", "df"],
    options: { granularity: "MONTHLY" },
    ...overrides,
  };
}

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
