// The server under test: a production build in its own dist dir, started on a free loopback port
// with a fresh data dir, and always stopped (its whole process group) at the end.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
export const DIST_DIR = ".tmp/next-bench";
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.mjs",
  "package-lock.json",
];

/** The newest modification time under a path (files only). */
function newest(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

/** Builds into DIST_DIR (and the worker bundles) when any is missing or older than the sources. */
export function ensureBuild(skip: boolean): void {
  const buildId = path.join(ROOT, DIST_DIR, "BUILD_ID");
  const workers = ["export-worker.mjs", "store-writer.mjs"].map((f) => path.join(ROOT, "dist", f));
  if (skip) {
    if (!fs.existsSync(buildId)) throw new Error(`--skip-build: no build in ${DIST_DIR}`);
    return;
  }
  const built = Math.min(...[buildId, ...workers].map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)));
  const sources = Math.max(...SOURCES.map((s) => newest(path.join(ROOT, s))));
  if (built > sources) return;
  process.stdout.write(`› building into ${DIST_DIR} (FOURFOLD_DIST_DIR=${DIST_DIR} npm run build)\n`);
  const res = spawnSync("npm", ["run", "build"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, FOURFOLD_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    timeout: 15 * 60_000,
  });
  if (res.status !== 0) throw new Error(`build failed (exit ${res.status ?? res.signal})`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Server {
  base: string;
  child: ChildProcess;
  log: string[];
  stop(): void;
}

/** `next start` in its own process group, so stop() ends it and anything it started. */
export function startServer(opts: {
  port: number;
  dataDir: string;
  apiKey: string;
  distDir?: string;
  /** The store on PostgreSQL; unset, SQLite in the data dir. */
  databaseUrl?: string;
}): Server {
  const log: string[] = [];
  const child = spawn(
    process.execPath,
    [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(opts.port), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        FOURFOLD_DIST_DIR: opts.distDir ?? DIST_DIR,
        FOURFOLD_DATA_DIR: opts.dataDir,
        FOURFOLD_DEMO: "off",
        FOURFOLD_API_KEYS: opts.apiKey,
        FOURFOLD_LOG: "warn",
        NEXTAUTH_URL: `http://127.0.0.1:${opts.port}`,
        // Blank is unset: a SQLite run never reaches a database named in the caller's environment.
        FOURFOLD_DATABASE_URL: opts.databaseUrl ?? "",
      },
    },
  );
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let stopped = false;
  return {
    base: `http://127.0.0.1:${opts.port}`,
    child,
    log,
    stop() {
      if (stopped || child.pid === undefined) return;
      stopped = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    },
  };
}

/** The process group's pids: the spawned one and every descendant (next start may fork the server). */
export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    const taskDir = `/proc/${out[i]}/task`;
    if (!fs.existsSync(taskDir)) continue;
    for (const task of fs.readdirSync(taskDir)) {
      const file = path.join(taskDir, task, "children");
      if (!fs.existsSync(file)) continue;
      for (const c of fs.readFileSync(file, "utf8").trim().split(/\s+/)) if (c) out.push(Number(c));
    }
  }
  return out;
}

/** A `kB` field of /proc/<pid>/status, in MiB, or null. */
export function statusMiB(pid: number, field: "VmHWM" | "VmRSS"): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export function threadCount(pid: number): number {
  try {
    return fs.readdirSync(`/proc/${pid}/task`).length;
  } catch {
    return 0;
  }
}

/** The server process (the largest of the group: next start may fork it) and its memory. */
export function serverMemory(server: Server): { pid: number; hwm: number; rss: number; threads: number } | null {
  if (server.child.pid === undefined) return null;
  let best: { pid: number; hwm: number; rss: number; threads: number } | null = null;
  for (const pid of processTree(server.child.pid)) {
    const hwm = statusMiB(pid, "VmHWM");
    if (hwm !== null && (!best || hwm > best.hwm))
      best = { pid, hwm, rss: statusMiB(pid, "VmRSS") ?? 0, threads: threadCount(pid) };
  }
  return best;
}

/** CPU seconds used so far by the server's processes (all their threads). */
function cpuSeconds(server: Server): number {
  if (server.child.pid === undefined) return 0;
  let ticks = 0;
  for (const pid of processTree(server.child.pid)) {
    try {
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / 100;
}

/**
 * Waits until the server has finished its start-up work (it warms the chart worker for a few
 * seconds after it answers): its processes below a tenth of a core for a whole second. Measuring
 * before then would time the start-up, not the requests. Returns the seconds waited.
 */
export async function waitSettled(server: Server, timeoutMs = 60_000): Promise<number> {
  const t0 = Date.now();
  let last = cpuSeconds(server);
  let quiet = 0;
  while (Date.now() - t0 < timeoutMs && quiet < 4) {
    await new Promise((r) => setTimeout(r, 250));
    const now = cpuSeconds(server);
    quiet = now - last < 0.025 ? quiet + 1 : 0;
    last = now;
  }
  return (Date.now() - t0) / 1000;
}
