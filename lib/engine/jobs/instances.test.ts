// Export jobs shared by several runners on one store (several Fourfold instances on PostgreSQL; two
// connections to one file on SQLite): a claim takes a job once, a lease renewed keeps it, a lease
// left to run out hands it to another runner, whose completion is the only one, and a job that
// fails or kills its runner every time stops after MAX_ATTEMPTS without holding the others up.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BENCHMARK_NAMES } from "@/lib/dora/benchmarks";
import { exportParamsKey } from "@/lib/dora/params-key";
import { parseExportRequest } from "@/lib/dora/schemas/export-request";
import type { ExportParams } from "@/lib/dora";
import { isPostgres, openStore, storeFile, type Store } from "@/lib/store";
import { openTestStore } from "@/lib/store/testing/test-store";
import { ingest } from "../ingest";
import { storedArtifact } from "./artifacts";
import {
  claimNext,
  completeJob,
  createOrReuse,
  failAttempt,
  findJob,
  leaseMs,
  MAX_ATTEMPTS,
  renewLeases,
  SHARED_LEASE_MS,
  LEASE_MS,
} from "./repo";
import { runNext, type LoopDeps, type WorkerMessage } from "./worker-loop";

const SCOPE = { org: "acme", project: "web" };
const DIALECTS = process.env.FOURFOLD_TEST_STORE === "postgres" ? ["postgres"] : ["sqlite", "postgres"];

function paramsFor(month: number): { params: ExportParams; key: string } {
  const m = String(month).padStart(2, "0");
  const parsed = parseExportRequest(
    {
      scope: { teamId: "t" },
      dateRange: { start: `2026-${m}-01`, end: `2026-${m}-28` },
      metricGroups: ["df"],
      options: { granularity: "MONTHLY", compression: "none" },
    },
    { orgIdentifier: SCOPE.org, projectIdentifier: SCOPE.project, benchmarks: BENCHMARK_NAMES },
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.details));
  return { params: parsed.params, key: exportParamsKey(parsed.params, SCOPE.org, SCOPE.project) };
}

describe.each(DIALECTS)("export jobs shared by two runners (%s)", (dialect) => {
  let dir: string;
  /** Two connections to one store, as two instances have. */
  let a: Store;
  let b: Store;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-instances-"));
    a = await openTestStore(path.join(dir, "fourfold.db"), { dialect: dialect as "sqlite" | "postgres" });
    // Two connections on PostgreSQL. SQLite's are synchronous: two in one thread would wait on each
    // other's lock for good, so there the second "instance" shares the first's connection.
    b = dialect === "postgres" ? await openStore(storeFile(a)!, { migrate: false }) : a;
    const teams = await ingest(a, SCOPE, "teams", { items: [{ id: "t", name: "T", orgTree: "Eng" }] });
    expect(teams.ok).toBe(true);
  });

  afterEach(async () => {
    if (b !== a) await b.destroy();
    await a.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const newJob = async (month: number, createdAt = Date.now()) => {
    const { params, key } = paramsFor(month);
    return (await createOrReuse(a, SCOPE, params, key, createdAt)).job.id;
  };
  const job = async (id: string) => (await findJob(a, SCOPE, id))!;

  it("the lease is 20 s on PostgreSQL, renewed by the runner; 10 minutes on SQLite", () => {
    expect(leaseMs(a)).toBe(dialect === "postgres" ? SHARED_LEASE_MS : LEASE_MS);
    expect(isPostgres(a)).toBe(dialect === "postgres");
  });

  it("two runners claiming at once take each job once", async () => {
    const ids = [];
    for (let m = 1; m <= 8; m++) ids.push(await newJob(m));
    const taken: Record<string, string[]> = { A: [], B: [] };
    const drain = async (db: Store, owner: "A" | "B") => {
      for (;;) {
        const got = await claimNext(db, owner, 1);
        if (got.length === 0) return;
        taken[owner]!.push(...got.map((j) => j.id));
      }
    };
    await Promise.all([drain(a, "A"), drain(b, "B"), drain(a, "A"), drain(b, "B")]);
    expect([...taken.A!, ...taken.B!].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(await job(id)).toMatchObject({ status: "PROCESSING", attempts: 1 });
  });

  it("six identical creates at once on two instances make one job", async () => {
    const { params, key } = paramsFor(3);
    const made = await Promise.all([a, b, a, b, a, b].map((db) => createOrReuse(db, SCOPE, params, key)));
    expect(new Set(made.map((m) => m.job.id)).size).toBe(1);
    expect(made.filter((m) => !m.reused)).toHaveLength(1);
    const rows = await a.selectFrom("export_jobs").select("id").execute();
    expect(rows).toHaveLength(1);
  });

  it("a renewed lease keeps the job; one left to run out is taken over, and only the new holder completes it", async () => {
    const id = await newJob(1);
    const t0 = Date.now();
    const lease = leaseMs(a);
    expect(await claimNext(a, "A", 1, t0)).toHaveLength(1);
    // Renewed just before it ends: B finds nothing to take.
    expect(await renewLeases(a, "A", t0 + lease - 1)).toBe(1);
    expect(await claimNext(b, "B", 1, t0 + lease + 1)).toEqual([]);
    // A stops renewing (its instance died): once the lease has ended, B takes the job over.
    const takenAt = t0 + 2 * lease;
    const [taken] = await claimNext(b, "B", 1, takenAt);
    expect(taken).toMatchObject({ id, lease_owner: "B", attempts: 2 });
    // A, back from a long pause, may not complete it; B does, once.
    const result = { artifact: `${id}.csv`, rowCount: 1, sizeBytes: 0 };
    expect(await completeJob(a, id, "A", result, takenAt + 1)).toBe(false);
    expect(await renewLeases(a, "A", takenAt + 1)).toBe(0);
    expect(await completeJob(b, id, "B", result, takenAt + 2)).toBe(true);
    expect(await completeJob(b, id, "B", result, takenAt + 3)).toBe(false);
    expect(await job(id)).toMatchObject({ status: "COMPLETED", attempts: 2, completed_at: takenAt + 2 });
  });

  it("a job whose runner dies on every attempt fails after MAX_ATTEMPTS; the job behind it still runs", async () => {
    const poison = await newJob(1);
    let now = Date.now();
    const lease = leaseMs(a);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const [got] = await claimNext(attempt % 2 ? a : b, `runner-${attempt}`, 1, now);
      expect(got).toMatchObject({ id: poison, attempts: attempt });
      now += lease + 1; // the runner died with it: nobody renews
    }
    const other = await newJob(2);
    const [next] = await claimNext(a, "runner-next", 1, now);
    expect(next?.id).toBe(other);
    expect(await job(poison)).toMatchObject({
      status: "FAILED",
      attempts: MAX_ATTEMPTS,
      error_code: "INTERRUPTED",
      lease_owner: null,
    });
  });

  it("a job that fails every attempt waits out its back-off without holding up the others, then FAILS", async () => {
    let now = Date.now();
    // Created one after the other, so that the claims' order (oldest first) is known.
    const failing = await newJob(1, now - 3000);
    const others = [await newJob(2, now - 2000), await newJob(3, now - 1000)];
    const ran: string[] = [];
    for (let round = 0; round < 10; round++) {
      const db = round % 2 ? a : b;
      const [got] = await claimNext(db, `r${round}`, 1, now);
      if (!got) {
        now += 10_000; // the back-off (2 s, 8 s) ends
        continue;
      }
      ran.push(got.id);
      if (got.id === failing) await failAttempt(db, got, `r${round}`, { code: "EXPORT_FAILED", message: "x" }, now);
      else
        expect(await completeJob(db, got.id, `r${round}`, { artifact: "f", rowCount: 0, sizeBytes: 0 }, now)).toBe(
          true,
        );
    }
    // The others ran before the failing job's first retry.
    expect(ran.slice(0, 3)).toEqual([failing, ...others]);
    expect(ran.filter((id) => id === failing)).toHaveLength(MAX_ATTEMPTS);
    expect(await job(failing)).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, error_code: "EXPORT_FAILED" });
    for (const id of others) expect(await job(id)).toMatchObject({ status: "COMPLETED" });
  });

  it.runIf(dialect === "postgres")(
    "the completing attempt's file goes into the store with the completion; a lost one's never does",
    async () => {
      const id = await newJob(1);
      const t0 = Date.now();
      await claimNext(a, "A", 1, t0);
      const [taken] = await claimNext(b, "B", 1, t0 + SHARED_LEASE_MS + 1);
      expect(taken?.id).toBe(id);
      const write = (name: string, bytes: Buffer) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, bytes);
        return { artifact: `${id}.csv`, rowCount: 1, sizeBytes: bytes.length, file };
      };
      expect(await completeJob(a, id, "A", write("a.csv", Buffer.from("stale")), t0 + SHARED_LEASE_MS + 2)).toBe(false);
      expect(await a.selectFrom("export_files").select("part").execute()).toEqual([]);
      // Larger than a part, so that it is kept in several.
      const big = Buffer.alloc(1_300_000, "0123456789abcdef");
      expect(await completeJob(b, id, "B", write("b.csv", big), t0 + SHARED_LEASE_MS + 3)).toBe(true);
      const chunks: Buffer[] = [];
      for await (const chunk of storedArtifact(a, id, big.length)) chunks.push(chunk);
      expect(Buffer.concat(chunks).equals(big)).toBe(true);
      expect((await a.selectFrom("export_files").select("part").execute()).length).toBe(3);
    },
  );

  it.runIf(dialect === "postgres")("a worker renews the lease of the job it runs", async () => {
    const id = await newJob(1);
    const messages: WorkerMessage[] = [];
    let leaseWhileRunning = 0;
    const deps: LoopDeps = {
      db: a,
      storeDir: dir,
      exportsDir: path.join(dir, "exports"),
      owner: "A",
      post: (m) => messages.push(m),
      idle: async () => {},
      renewEveryMs: 50,
      run: async (_db, exportsDir, j) => {
        const first = Number((await job(j.id)).lease_until);
        await new Promise((r) => setTimeout(r, 300));
        leaseWhileRunning = Number((await job(j.id)).lease_until) - first;
        fs.mkdirSync(exportsDir, { recursive: true });
        const file = path.join(exportsDir, `${j.id}.csv`);
        fs.writeFileSync(file, "a,b\n");
        return { artifact: `${j.id}.csv`, rowCount: 1, sizeBytes: 4, file };
      },
    };
    expect(await runNext(deps)).toBe(true);
    expect(leaseWhileRunning).toBeGreaterThanOrEqual(200);
    expect(await job(id)).toMatchObject({ status: "COMPLETED", lease_owner: null });
    // The local copy is gone: the store holds the file.
    expect(fs.readdirSync(path.join(dir, "exports"))).toEqual([]);
    expect(messages.filter((m) => m.type === "completed")).toHaveLength(1);
  });
});
