// npx tsx --conditions=react-server scripts/bench-proxy-download.ts [--mib 500] [--concurrent 1]
// A download of --mib MiB through the proxy's route handler (in process), from the fake SEI over
// loopback HTTP: once decompressed (`as=csv`, the CSV generated and gzipped on the fly) and once as
// the stored file (`as=gzip`). Prints the process's peak RSS growth for each; the bar is < 100 MB.
// With --concurrent N, N such downloads run at once (a burst: `--mib 20 --concurrent 50`), and what
// stays afterwards is printed too: RSS, V8's heap and memory outside it, before and (with
// NODE_OPTIONS=--expose-gc) after a full GC.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { createGzip } from "node:zlib";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import * as downloadRoute from "@/app/api/exports/[id]/download/route";
import * as exportsRoute from "@/app/api/exports/route";
import { startSession, addUser } from "@/lib/auth";
import { makeClient, setSeiClient } from "@/lib/sei";
import { getRuntime } from "@/lib/runtime";
import { FakeSei } from "../tests/proxy/fake-sei";

const MiB = 1024 * 1024;
const { values } = parseArgs({
  options: { mib: { type: "string", default: "500" }, concurrent: { type: "string", default: "1" } },
});
const size = Number(values.mib) * MiB;
const concurrent = Number(values.concurrent);
const out = (s: string) => process.stdout.write(`${s}\n`);

/** `size` bytes of CSV-like text: rows that differ, so gzip has work to do. */
function csvSource(bytes: number): Readable {
  let left = bytes;
  let row = 0;
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const lines: string[] = [];
      for (let i = 0; i < 2000; i++, row++)
        lines.push(
          `team-${row % 97},${row},Team ${row % 97},2026-${String((row % 12) + 1).padStart(2, "0")},${((row * 7919) % 100000) / 100}`,
        );
      let chunk = Buffer.from(`${lines.join("\n")}\n`);
      if (chunk.length > left) chunk = chunk.subarray(0, left);
      left -= chunk.length;
      this.push(chunk);
    },
  });
}

/** What stays once a burst is over: RSS, V8's heap, and memory outside it (buffers, zlib), against the base. */
async function afterBurst(before: NodeJS.MemoryUsage) {
  const show = (when: string, m = process.memoryUsage()) =>
    out(
      `  ${when}: RSS ${m === before ? "" : "+"}${((m === before ? m.rss : m.rss - before.rss) / MiB).toFixed(1)} MiB, heap used ${(m.heapUsed / MiB).toFixed(1)} MiB, outside the heap ${(m.external / MiB).toFixed(1)} MiB`,
    );
  show("before", before);
  await new Promise((r) => setTimeout(r, 2000));
  show("2 s after");
  if (!global.gc) return out("  (NODE_OPTIONS=--expose-gc to see it after a full GC)");
  // Two: buffers outside the heap are released by the collection after the one that found them dead.
  for (let i = 0; i < 2; i++) {
    global.gc();
    await new Promise((r) => setTimeout(r, 1000));
  }
  show("after a full GC");
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-bench-proxy-"));
  const fake = await new FakeSei().start();
  Object.assign(process.env, {
    FOURFOLD_DATA_DIR: dir,
    FOURFOLD_DEMO: "off",
    FOURFOLD_LOG: "silent",
    FOURFOLD_API_KEYS: "ff_bench",
    FOURFOLD_ADMIN_EMAIL: "root@example.com",
    FOURFOLD_ADMIN_PASSWORD: "correct-horse-battery",
    NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123",
    SEI_BASE_URL: fake.baseUrl,
    SEI_API_KEY: "sei_bench_key",
    SEI_ORG_IDENTIFIER: "acme",
    SEI_PROJECT_IDENTIFIER: "web",
  });
  try {
    const runtime = await getRuntime({ jobs: false });
    setSeiClient(makeClient(runtime, { limits: { maxCsvBytes: size + MiB } }));
    const admin = await addUser(runtime.db, { email: "bench@example.com", password: null, admin: true, scopes: [] });
    const sid = await startSession(runtime.db, { userId: admin.id, provider: "credentials" });
    const cookie = `next-auth.session-token=${await encode({ token: { uid: admin.id, sid }, secret: runtime.sessionSecret })}`;
    const headers = {
      cookie,
      origin: "http://localhost:3000",
      "sec-fetch-site": "same-origin",
      "content-type": "application/json",
    };
    const body = JSON.stringify({
      scope: { teamId: "pay" },
      dateRange: { start: "2026-01-01", end: "2026-03-31" },
      metricGroups: ["lttc"],
      options: { granularity: "MONTHLY" },
    });
    const created = await exportsRoute.POST(
      new NextRequest("http://localhost:3000/api/exports", { method: "POST", headers, body }),
      { params: Promise.resolve({}) },
    );
    const id = ((await created.json()) as { export: { id: string } }).export.id;
    out(
      `machine: ${os.cpus().length} cores, node ${process.version}; ${values.mib} MiB per download, ${concurrent} at once`,
    );
    for (const as of ["csv", "gzip"] as const) {
      fake.download = () => (as === "csv" ? csvSource(size).pipe(createGzip({ level: 1 })) : csvSource(size));
      global.gc?.();
      const before = process.memoryUsage();
      const base = before.rss;
      let peak = base;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const t0 = Date.now();
      const one = async () => {
        const res = await downloadRoute.GET(
          new NextRequest(`http://localhost:3000/api/exports/${id}/download?as=${as}`, { headers }),
          { params: Promise.resolve({ id }) },
        );
        let bytes = 0;
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          bytes += chunk.byteLength;
          peak = Math.max(peak, process.memoryUsage().rss);
        }
        if (bytes !== size) throw new Error(`expected ${size} bytes, got ${bytes}`);
        return bytes;
      };
      const bytes = (await Promise.all(Array.from({ length: concurrent }, one))).reduce((a, b) => a + b, 0);
      clearInterval(timer);
      const growth = (peak - base) / MiB;
      const secs = (Date.now() - t0) / 1000;
      out(
        `as=${as.padEnd(4)} ${(bytes / MiB).toFixed(0)} MiB to the client in ${secs.toFixed(1)} s (${(bytes / MiB / secs).toFixed(0)} MiB/s); peak RSS growth ${growth.toFixed(1)} MiB ${concurrent > 1 ? "" : growth < 100 ? "(< 100 MB: ok)" : "(OVER the 100 MB bar)"}`,
      );
      if (concurrent > 1) await afterBurst(before);
    }
    await runtime.db.destroy();
  } finally {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
