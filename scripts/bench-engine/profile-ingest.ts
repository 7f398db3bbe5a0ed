// In-process ingestion profile (`npm run bench:ingest -- [scale]`): the engine's ingestion on a fresh
// store file, no HTTP, with the time of each SQL statement per kind. PRE_SQL runs statements first
// (to try an index or a pragma); STOP_AFTER=<kind> stops after that kind; SHORT_KEYS=1 ingests the
// same organisation under a scope of one letter each and with ids of 2-8 characters instead of
// 14-24 (what narrower keys would save, short of integer keys), SHORT_KEYS=scope the scope alone.
// CPU time per kind (process.cpuUsage), so a busy machine skews it less than wall time.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { openStore } from "@/lib/store";
import { ingest } from "@/lib/engine";
import { parseBodyText } from "@/lib/dora";
import { KINDS } from "@/lib/demo";
import { benchOrg } from "./bench-org";

import Database from "better-sqlite3";

// Time per SQL statement (by its text's start), per kind: what the store spends each batch on.
const sqlTimes = new Map<string, { ms: number; n: number }>();
let currentKind = "";
{
  const proto = (Database as unknown as { prototype: { prepare: (sql: string) => unknown } }).prototype;
  const prepare = proto.prepare;
  proto.prepare = function (this: unknown, text: string) {
    const stmt = prepare.call(this, text) as Record<string, (...a: unknown[]) => unknown>;
    const key = text.replace(/\s+/g, " ").slice(0, 110);
    for (const m of ["all", "run", "get", "iterate"]) {
      const orig = stmt[m]!;
      stmt[m] = function (this: unknown, ...args: unknown[]) {
        const t0 = performance.now();
        try {
          return orig.apply(this, args);
        } finally {
          const k = `${currentKind} ${key}`;
          const e = sqlTimes.get(k) ?? { ms: 0, n: 0 };
          e.ms += performance.now() - t0;
          e.n++;
          sqlTimes.set(k, e);
        }
      };
    }
    return stmt;
  };
}

async function main() {
  const scale = Number(process.argv[2] ?? 0.2);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ff-prof-"));
  const db = await openStore(path.join(dir, "store.db"));
  for (const statement of (process.env.PRE_SQL ?? "").split(";").filter((x) => x.trim()))
    await sql.raw(statement).execute(db);
  const org = benchOrg(new Date("2026-06-01T00:00:00Z"), scale);
  const short = Boolean(process.env.SHORT_KEYS) && process.env.SHORT_KEYS !== "scope";
  const scope = process.env.SHORT_KEYS ? { org: "o", project: "p" } : { org: "default", project: "bench" };
  let total = 0;
  let totalCpu = 0;
  const last = process.env.STOP_AFTER;
  for (const kind of KINDS.slice(0, last ? KINDS.indexOf(last as (typeof KINDS)[number]) + 1 : undefined)) {
    const bodies: Uint8Array[] = [];
    for (const items of org.batches(kind, 5000))
      bodies.push(Buffer.from(short ? shortKeys(JSON.stringify({ items })) : JSON.stringify({ items })));
    currentKind = kind;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let n = 0;
    for (const body of bodies) {
      // As the store writer does: strict UTF-8, the JSON (with comments) parsed, then the batch.
      const parsed = parseBodyText(new TextDecoder("utf-8", { fatal: true }).decode(body));
      if (!parsed.ok) throw new Error(parsed.message);
      const out = await ingest(db, scope, kind, parsed.value);
      if (!out.ok) throw new Error(JSON.stringify(out.details).slice(0, 400));
      n += out.received;
    }
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1000;
    const wall = performance.now() - t0;
    total += n;
    totalCpu += cpu;
    console.log(
      `${kind.padEnd(14)} ${String(n).padStart(9)}  wall ${wall.toFixed(0).padStart(6)} ms  cpu ${cpu.toFixed(0).padStart(6)} ms  ${Math.round((n / cpu) * 1000).toLocaleString("en")} /cpu-s`,
    );
  }
  console.log(
    `overall ${total} records, cpu ${totalCpu.toFixed(0)} ms, ${Math.round((total / totalCpu) * 1000).toLocaleString("en")} /cpu-s`,
  );
  for (const [k, e] of [...sqlTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
    console.log(`${e.ms.toFixed(0).padStart(7)} ms ${String(e.n).padStart(5)}x  ${k}`);
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}
void main();

/**
 * The bench organisation's ids made short in a body's JSON: team `bench-g01-s001` becomes `rt`, PR
 * `pr-bench-g01-s001-12` becomes `prt.c`.
 */
function shortKeys(json: string): string {
  const squad = (g: string, s: string) => (Number(g) * 1000 + Number(s)).toString(36);
  return json
    .replace(
      /"(wi|bld|pr|dep|inc)-bench-g(\d\d)-s(\d\d\d)-(\d+)"/g,
      (_, kind: string, g: string, s: string, n: string) => `"${kind[0]}${squad(g, s)}.${Number(n).toString(36)}"`,
    )
    .replace(/"bench-g(\d\d)-s(\d\d\d)"/g, (_, g: string, s: string) => `"${squad(g, s)}"`);
}
