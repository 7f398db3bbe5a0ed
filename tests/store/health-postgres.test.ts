// GET /api/health on PostgreSQL: reports the store, answers 503 while the database is down, and
// 200 again once it is back, without a restart of the server. A PostgreSQL server of its own, so
// stopping it touches no other test.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { getRuntime } from "@/lib/runtime";
import { startTestPostgres, type TestPostgres } from "@/scripts/pg-test-server";

let server: TestPostgres;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-health-"));

beforeAll(async () => {
  server = await startTestPostgres();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE fourfold TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = "/fourfold";
  Object.assign(process.env, {
    FOURFOLD_DATA_DIR: dir,
    FOURFOLD_DATABASE_URL: url.toString(),
    FOURFOLD_API_KEYS: "ff_health_test_key",
    FOURFOLD_DEMO: "off",
    FOURFOLD_LOG: "silent",
    FOURFOLD_ADMIN_EMAIL: "admin@example.com",
    FOURFOLD_ADMIN_PASSWORD: "correct-horse-battery",
  });
  await getRuntime({ jobs: false });
}, 60_000);

afterAll(async () => {
  await (await getRuntime().catch(() => null))?.db.destroy();
  server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const health = async () => {
  const res = await GET();
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe("GET /api/health on PostgreSQL", () => {
  it("reports the store as postgres", async () => {
    expect(await health()).toMatchObject({ status: 200, body: { status: "ok", store: "postgres" } });
  });

  it("answers 503 while the database is down, and 200 once it is back", async () => {
    server.halt();
    const down = await health();
    expect(down).toMatchObject({ status: 503, body: { status: "unavailable", store: "postgres" } });
    expect(JSON.stringify(down.body)).not.toMatch(/postgres:\/\/|127\.0\.0\.1|ECONNREFUSED/);
    server.resume();
    expect(await health()).toMatchObject({ status: 200, body: { status: "ok", store: "postgres" } });
  });
});
