import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import { expect, test } from "@playwright/test";
import pg from "pg";

// Two `next start` instances on one PostgreSQL, as behind a load balancer: an export created on one
// is polled and downloaded on the other; identical creates split across both make one job; the
// export of an instance killed with SIGKILL is completed by the other, once; and a PostgreSQL
// restart during polling is survived by both without a restart of their own.

const KEY = "ff_instances_test_key";
const Q = "projectIdentifier=fourfold&orgIdentifier=demo";
const AUTH = { authorization: `ApiKey ${KEY}`, "content-type": "application/json" };
const DATA = path.join(process.cwd(), ".tmp", "instances");
/** How long instance B holds each job it runs: the export of B that A must take over. */
const B_DELAY_MS = 20_000;
const TEAMS = ["eng", "eng-payments", "eng-growth", "eng-mobile", "plat-infra"];

test.describe.configure({ mode: "serial" });

interface Instance {
  name: string;
  base: string;
  log: string;
  child: ChildProcess;
}

/** The test PostgreSQL this file started (scripts/pg-test-server.ts, run as a program). */
let server: { url: string; dir: string } | null = null;
let databaseUrl = "";
let adminUrl = "";
let a: Instance;
let b: Instance;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function start(name: string, env: Record<string, string> = {}): Promise<Instance> {
  const port = await freePort();
  const dataDir = path.join(DATA, name);
  fs.mkdirSync(dataDir, { recursive: true });
  const log = path.join(DATA, `${name}.log`);
  const out = fs.openSync(log, "a");
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      FOURFOLD_DATA_DIR: dataDir,
      FOURFOLD_DATABASE_URL: databaseUrl,
      FOURFOLD_API_KEYS: KEY,
      // A small organisation is sent below: seeding the demo's 29,000 records would take a minute.
      FOURFOLD_DEMO: "off",
      ...env,
    },
    stdio: ["ignore", out, out],
    detached: true,
  });
  const instance = { name, base: `http://127.0.0.1:${port}`, log, child };
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${instance.base}/api/health`)).ok) return instance;
    } catch {}
    if (child.exitCode !== null) break;
    await sleep(500);
  }
  throw new Error(`instance ${name} did not start:\n${fs.readFileSync(log, "utf8").slice(-2000)}`);
}

function kill(instance: Instance | undefined) {
  try {
    if (instance?.child.pid) process.kill(-instance.child.pid, "SIGKILL");
  } catch {}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const body = (teamId: string, compression = "gzip") =>
  JSON.stringify({
    scope: { teamId },
    dateRange: { start: "2026-01-01", end: "2026-06-30" },
    metricGroups: ["lttc", "df", "cfr", "mttr", "rating", "summary"],
    options: { granularity: "MONTHLY", aggregation: "median", compression },
  });

async function create(on: Instance, payload: string): Promise<{ exportId: string; message: string }> {
  const res = await fetch(`${on.base}/v2/insights/efficiency/exports?${Q}`, {
    method: "POST",
    headers: AUTH,
    body: payload,
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return res.json();
}

async function status(on: Instance, id: string): Promise<{ status: string; rowCount?: number; downloadUrl?: string }> {
  return (await fetch(`${on.base}/v2/insights/efficiency/exports/${id}?${Q}`, { headers: AUTH })).json();
}

async function until(on: Instance, id: string, wanted: string, timeoutMs: number) {
  const t0 = Date.now();
  for (;;) {
    const s = await status(on, id);
    if (s.status === wanted) return s;
    if (Date.now() - t0 > timeoutMs) throw new Error(`export ${id} stayed ${s.status} on ${on.name}`);
    await sleep(100);
  }
}

async function download(on: Instance, url: string): Promise<Buffer> {
  const res = await fetch(`${on.base}${url}?${Q}`, { headers: AUTH });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const completions = (instance: Instance, id: string) =>
  fs
    .readFileSync(instance.log, "utf8")
    .split("\n")
    .filter((l) => l.includes('"export.completed"') && l.includes(id)).length;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const t0 = Date.now();
  fs.rmSync(DATA, { recursive: true, force: true });
  fs.mkdirSync(DATA, { recursive: true });
  if (process.env.FOURFOLD_TEST_DATABASE_URL) adminUrl = process.env.FOURFOLD_TEST_DATABASE_URL;
  else {
    const out = execFileSync(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "scripts/pg-test-server.ts", "start"],
      {
        encoding: "utf8",
      },
    );
    const value = (name: string) => out.match(new RegExp(`^${name}=(.*)$`, "m"))?.[1] ?? "";
    server = { url: value("FOURFOLD_TEST_DATABASE_URL"), dir: value("FOURFOLD_TEST_PG_DIR") };
    adminUrl = server.url;
  }
  const name = `fourfold_instances_${process.pid}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  // Started together, as an orchestrator would: one migrates, seeds and makes the secrets.
  [a, b] = await Promise.all([start("a"), start("b", { FOURFOLD_EXPORT_DELAY_MS: String(B_DELAY_MS) })]);
  await ingestTeams(a);
  console.log(`instances: PostgreSQL and two instances ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
});

/** The teams the exports are of, with a deployment a week for each, through A's ingestion API. */
async function ingestTeams(on: Instance) {
  const post = async (kind: string, items: unknown[]) => {
    const res = await fetch(`${on.base}/v2/ingest/${kind}?${Q}`, {
      method: "POST",
      headers: AUTH,
      body: JSON.stringify({ items }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  };
  await post(
    "teams",
    TEAMS.map((id, i) => ({ id, name: id, orgTree: "Engineering", refId: 100 + i, parentId: i === 0 ? null : "eng" })),
  );
  const week = 7 * 86_400_000;
  const start = Date.parse("2026-01-05T10:00:00Z");
  await post(
    "deployments",
    TEAMS.flatMap((teamId) =>
      Array.from({ length: 25 }, (_, w) => ({
        id: `${teamId}-d${w}`,
        teamId,
        environment: "production",
        status: "success",
        finishedAt: new Date(start + w * week).toISOString(),
      })),
    ),
  );
}

test.afterAll(() => {
  kill(a);
  kill(b);
  if (server)
    execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/pg-test-server.ts", "stop", server.dir], {
      stdio: "ignore",
    });
});

test("an export created on A is polled and downloaded on B", async () => {
  const created = await create(a, body("eng"));
  const done = await until(b, created.exportId, "COMPLETED", 60_000);
  const onB = zlib.gunzipSync(await download(b, done.downloadUrl!)).toString("utf8");
  const onA = zlib.gunzipSync(await download(a, done.downloadUrl!)).toString("utf8");
  expect(onB).toBe(onA);
  expect(onB.trimEnd().split("\n")).toHaveLength(done.rowCount! + 1);
});

test("six identical creates at once, split across A and B, make one job", async () => {
  const payload = body("eng-payments", "none");
  const made = await Promise.all([a, b, a, b, a, b].map((on) => create(on, payload)));
  expect(new Set(made.map((m) => m.exportId)).size).toBe(1);
  const jobs = await query<{ id: string }>(
    `SELECT id FROM export_jobs WHERE params = (SELECT params FROM export_jobs WHERE id = $1)`,
    [made[0]!.exportId],
  );
  expect(jobs).toEqual([{ id: made[0]!.exportId }]);
});

test("B killed while it runs an export: A takes it over within 30 s and completes it once", async () => {
  test.setTimeout(180_000);
  // A job B runs: created on B, which claims it at once and holds it for B_DELAY_MS. Should A have
  // claimed it first (it finishes at once), another team is tried.
  let id = "";
  // B's worker must be free (it holds one job at a time), or A would run the new one.
  await expect
    .poll(
      async () =>
        Number((await query<{ n: string }>("SELECT count(*) AS n FROM export_jobs WHERE status = 'PROCESSING'"))[0]!.n),
      {
        timeout: 40_000,
      },
    )
    .toBe(0);
  for (const team of ["eng-growth", "eng-mobile", "plat-infra"]) {
    const created = await create(b, body(team));
    await until(a, created.exportId, "PROCESSING", 20_000).catch(() => null);
    await sleep(1500);
    if ((await status(a, created.exportId)).status === "PROCESSING") {
      id = created.exportId;
      break;
    }
  }
  expect(id, "B never ran an export long enough to be killed").not.toBe("");
  const [before] = await query<{ lease_owner: string; attempts: number }>(
    "SELECT lease_owner, attempts FROM export_jobs WHERE id = $1",
    [id],
  );
  kill(b);
  const killedAt = Date.now();
  const done = await until(a, id, "COMPLETED", 60_000);
  expect(Date.now() - killedAt).toBeLessThan(30_000);
  const [after] = await query<{ attempts: number; parts: string }>(
    "SELECT attempts, (SELECT count(*) FROM export_files WHERE job_id = $1) AS parts FROM export_jobs WHERE id = $1",
    [id],
  );
  expect(after!.attempts).toBe(before!.attempts + 1);
  expect(Number(after!.parts)).toBeGreaterThan(0);
  // Completed once: by A, whose log says so once.
  expect(completions(a, id)).toBe(1);
  const csv = zlib.gunzipSync(await download(a, done.downloadUrl!)).toString("utf8");
  expect(csv).toMatch(/^Team_Id,Team_Ref_Id,Team_Name,/);
  expect(csv.trimEnd().split("\n")).toHaveLength(done.rowCount! + 1);
});

test("PostgreSQL restarted while both instances are polled: they answer again without a restart", async () => {
  test.setTimeout(180_000);
  b = await start("b2");
  const { exportId } = await create(a, body("eng"));
  let failedPolls = 0;
  let polling = true;
  const poll = async (on: Instance) => {
    while (polling) {
      const res = await fetch(`${on.base}/v2/insights/efficiency/exports/${exportId}?${Q}`, { headers: AUTH }).catch(
        () => null,
      );
      if (!res || res.status >= 500) failedPolls++;
      await sleep(200);
    }
  };
  const pollers = [poll(a), poll(b)];
  await restartPostgres();
  // Both come back: a poll answers, health says ok, and a new export completes.
  for (const on of [a, b]) {
    await expect
      .poll(async () => (await fetch(`${on.base}/api/health`).catch(() => null))?.status, { timeout: 60_000 })
      .toBe(200);
    await until(on, exportId, "COMPLETED", 60_000);
  }
  polling = false;
  await Promise.all(pollers);
  expect(failedPolls, "no poll saw the database down").toBeGreaterThan(0);
  const fresh = await create(b, body("eng", "none"));
  await until(a, fresh.exportId, "COMPLETED", 60_000);
});

/** Stops the test server's PostgreSQL for 3 s and starts it again on the same port. */
async function restartPostgres() {
  const url = new URL(databaseUrl);
  const dir = server?.dir ?? process.env.FOURFOLD_TEST_PG_DIR;
  test.skip(!dir, "restarting PostgreSQL needs the test server's folder (FOURFOLD_TEST_PG_DIR)");
  const data = path.join(dir!, "data");
  const pgCtl = (args: string[]) => {
    const file = path.join(postgresBin(), "pg_ctl");
    const [cmd, argv] = process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
    execFileSync(cmd, argv, { stdio: "ignore" });
  };
  pgCtl(["-D", data, "-m", "fast", "-w", "stop"]);
  await sleep(3000);
  const options = `-c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=200 -p ${url.port}`;
  pgCtl(["-D", data, "-l", path.join(dir!, "server.log"), "-w", "-o", options, "start"]);
}

/** The newest installed PostgreSQL's programs, as scripts/pg-test-server.ts finds them. */
function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const newest = fs
    .readdirSync(root)
    .map(Number)
    .filter((v) => v >= 15)
    .sort((x, y) => y - x)[0];
  return path.join(root, String(newest), "bin");
}
