// A throwaway PostgreSQL server for the tests: Debian's postgresql package (scripts/test.sh installs
// it), initdb into a temporary folder, listening on 127.0.0.1 at a free port with its socket in that
// folder, stopped and removed at the end. As root the server runs as the `postgres` user (initdb
// refuses root). The vitest global setup, Playwright and scripts use it; from a shell:
//
//   npx tsx scripts/pg-test-server.ts start   # prints FOURFOLD_TEST_DATABASE_URL=… and the folder
//   npx tsx scripts/pg-test-server.ts stop <folder>
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface TestPostgres {
  /** The superuser's URL of the server's `postgres` database: tests create their own databases from it. */
  url: string;
  dir: string;
  /** Stops the server and removes its folder. */
  stop(): void;
  /** Stops the server only (a database going away), or starts it again on the same port. */
  halt(): void;
  resume(): void;
}

/** The newest installed PostgreSQL's programs (15 or later). */
export function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .map(Number)
        .filter((v) => v >= 15 && fs.existsSync(path.join(root, String(v), "bin", "initdb")))
        .sort((a, b) => b - a)
    : [];
  if (versions.length === 0)
    throw new Error("PostgreSQL 15+ is not installed: run 'apt-get install postgresql' (scripts/test.sh does)");
  return path.join(root, String(versions[0]), "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const asRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the `postgres` user when this process is root. */
function run(bin: string, program: string, args: string[]) {
  const file = path.join(bin, program);
  const [cmd, argv] = asRoot() ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
  execFileSync(cmd, argv, { stdio: ["ignore", "pipe", "pipe"] });
}

/**
 * Starts a server. `durable`: PostgreSQL's defaults for durability (fsync, synchronous commit) and
 * a page cache the size of the SQLite store's, for benchmarks; otherwise neither, for tests.
 */
export async function startTestPostgres(opts: { durable?: boolean } = {}): Promise<TestPostgres> {
  const bin = postgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-pg-"));
  if (asRoot()) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  try {
    run(bin, "initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${String((err as { stderr?: Buffer }).stderr ?? err)}`);
  }
  const options = ["-c listen_addresses=127.0.0.1", `-k ${dir}`, "-c max_connections=200"];
  // A test server: no fsync, so creating a database per test and dropping it stays cheap.
  if (!opts.durable) options.push("-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off");
  else options.push("-c shared_buffers=256MB");
  const start = (port: number) =>
    run(bin, "pg_ctl", [
      "-D",
      data,
      "-l",
      path.join(dir, "server.log"),
      "-w",
      "-t",
      "30",
      "-o",
      `${options.join(" ")} -p ${port}`,
      "start",
    ]);
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    try {
      start(port);
      return {
        url: `postgres://postgres@127.0.0.1:${port}/postgres`,
        dir,
        stop: () => stopTestPostgres(dir),
        halt: () => run(bin, "pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]),
        resume: () => start(port),
      };
    } catch (err) {
      // Another process took the port between the probe and the start: try another.
      if (attempt < 3) continue;
      const log = fs.existsSync(path.join(dir, "server.log"))
        ? fs.readFileSync(path.join(dir, "server.log"), "utf8")
        : "";
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`PostgreSQL did not start: ${String((err as { stderr?: Buffer }).stderr ?? err)}\n${log}`);
    }
  }
}

export function stopTestPostgres(dir: string): void {
  const data = path.join(dir, "data");
  if (fs.existsSync(path.join(data, "postmaster.pid"))) {
    try {
      run(postgresBin(), "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } catch {
      // Stopped already.
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

async function main(argv: string[]) {
  const [command, dir] = argv;
  if (command === "start") {
    const server = await startTestPostgres();
    process.stdout.write(`FOURFOLD_TEST_DATABASE_URL=${server.url}\nFOURFOLD_TEST_PG_DIR=${server.dir}\n`);
  } else if (command === "stop" && dir) {
    stopTestPostgres(dir);
  } else {
    process.stderr.write("usage: pg-test-server.ts start | stop <folder>\n");
    process.exitCode = 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname))
  void main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
