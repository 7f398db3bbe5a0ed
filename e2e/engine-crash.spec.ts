import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { expect, test } from "@playwright/test";

// Kills the server (SIGKILL) while an export is PROCESSING, starts it again on the same data
// folder, and checks that the job completes exactly once with a correct file.

const PORT = 3230;
const BASE = `http://127.0.0.1:${PORT}`;
const DATA = path.join(process.cwd(), ".tmp", "crash-data");
const KEY = "ff_crash_test_key";
const Q = "projectIdentifier=fourfold&orgIdentifier=demo";
const AUTH = { authorization: `ApiKey ${KEY}`, "content-type": "application/json" };

function startServer(env: Record<string, string>, logFile: string): ChildProcess {
  const out = fs.openSync(logFile, "w");
  return spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT)], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", FOURFOLD_DATA_DIR: DATA, FOURFOLD_API_KEYS: KEY, ...env },
    stdio: ["ignore", out, out],
    detached: true,
  });
}

async function waitHealthy() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not start");
}

async function status(id: string): Promise<{ status: string; rowCount?: number; downloadUrl?: string }> {
  return (await fetch(`${BASE}/v2/insights/efficiency/exports/${id}?${Q}`, { headers: AUTH })).json();
}

async function until(id: string, wanted: string, timeoutMs: number) {
  const t0 = Date.now();
  for (;;) {
    const s = await status(id);
    if (s.status === wanted) return s;
    if (Date.now() - t0 > timeoutMs) throw new Error(`export ${id} stayed ${s.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const body = (compression: string) =>
  JSON.stringify({
    scope: { teamId: "eng" },
    dateRange: { start: "2026-01-01", end: "2026-06-30" },
    metricGroups: ["lttc", "df", "cfr", "mttr", "rating", "summary"],
    options: { granularity: "MONTHLY", aggregation: "median", compression },
  });

test("an export interrupted by SIGKILL completes once after a restart", async () => {
  test.setTimeout(180_000);
  fs.rmSync(DATA, { recursive: true, force: true });
  fs.mkdirSync(DATA, { recursive: true });
  let server = startServer({ FOURFOLD_EXPORT_DELAY_MS: "60000" }, path.join(DATA, "..", "crash-1.log"));
  try {
    await waitHealthy();
    const created = await (
      await fetch(`${BASE}/v2/insights/efficiency/exports?${Q}`, { method: "POST", headers: AUTH, body: body("gzip") })
    ).json();
    const id = created.exportId as string;
    await until(id, "PROCESSING", 20_000);

    process.kill(-server.pid!, "SIGKILL");
    await new Promise((r) => server.once("exit", r));

    const log2 = path.join(DATA, "..", "crash-2.log");
    server = startServer({ FOURFOLD_EXPORT_DELAY_MS: "0" }, log2);
    await waitHealthy();
    const done = await until(id, "COMPLETED", 60_000);

    const gz = Buffer.from(await (await fetch(`${BASE}${done.downloadUrl}?${Q}`, { headers: AUTH })).arrayBuffer());
    const csv = zlib.gunzipSync(gz).toString("utf8");
    const lines = csv.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Team_Id,Team_Ref_Id,Team_Name,/);
    expect(lines.length - 1).toBe(done.rowCount);

    // The same figures computed by a fresh, uninterrupted job.
    const plain = await (
      await fetch(`${BASE}/v2/insights/efficiency/exports?${Q}`, { method: "POST", headers: AUTH, body: body("none") })
    ).json();
    const plainDone = await until(plain.exportId, "COMPLETED", 60_000);
    const fresh = await (await fetch(`${BASE}${plainDone.downloadUrl}?${Q}`, { headers: AUTH })).text();
    expect(csv).toBe(fresh);

    // Completed once: one completion logged, one file, no partial left behind.
    const completions = fs
      .readFileSync(log2, "utf8")
      .split("\n")
      .filter((l) => l.includes('"export.completed"') && l.includes(id));
    expect(completions).toHaveLength(1);
    const files = fs.readdirSync(path.join(DATA, "exports")).filter((f) => f.startsWith(id));
    expect(files).toEqual([`${id}.csv.gz`]);
  } finally {
    try {
      process.kill(-server.pid!, "SIGKILL");
    } catch {}
  }
});
