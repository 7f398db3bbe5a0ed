// The export worker with a full disk: the file write fails, and then the record of that failure
// fails too. The worker must hold the job and record it once space is back, so the job follows its
// retry schedule instead of staying PROCESSING until its lease ends.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BENCHMARK_NAMES } from "@/lib/dora/benchmarks";
import { exportParamsKey } from "@/lib/dora/params-key";
import { parseExportRequest } from "@/lib/dora/schemas/export-request";
import { openStore, type Store } from "@/lib/store/db";
import { ingest } from "../ingest";
import { completeJob, createOrReuse, failAttempt, findJob, LEASE_MS } from "./repo";
import { HELD_JOBS, runDeferred, runNext, type DeferredWork, type LoopDeps, type WorkerMessage } from "./worker-loop";

const SCOPE = { org: "acme", project: "web" };
let dir: string;
let db: Store;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-loop-"));
  db = await openStore(path.join(dir, "fourfold.db"));
  const teams = await ingest(db, SCOPE, "teams", { items: [{ id: "t", name: "T", orgTree: "Eng" }] });
  expect(teams.ok).toBe(true);
});

afterEach(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function newJob(): Promise<string> {
  const body = {
    scope: { teamId: "t" },
    dateRange: { start: "2026-01-01", end: "2026-01-31" },
    metricGroups: ["df"],
    options: { granularity: "MONTHLY" },
  };
  const parsed = parseExportRequest(body, {
    orgIdentifier: SCOPE.org,
    projectIdentifier: SCOPE.project,
    benchmarks: BENCHMARK_NAMES,
  });
  if (!parsed.ok) throw new Error("bad request");
  const { job } = await createOrReuse(
    db,
    SCOPE,
    parsed.params,
    exportParamsKey(parsed.params, SCOPE.org, SCOPE.project),
  );
  return job.id;
}

const errno = (code: string, message: string) => Object.assign(new Error(message), { code });
const SQLITE_FULL = () => Object.assign(errno("SQLITE_FULL", "database or disk is full"), { name: "SqliteError" });

/** A worker whose store refuses writes for `fullFor` tries (each followed by an idle), then takes them. */
function worker(over: Partial<LoopDeps> & { fullFor: number }) {
  const messages: WorkerMessage[] = [];
  let waits = 0;
  const full = () => waits < over.fullFor;
  const deps: LoopDeps = {
    db,
    storeDir: dir,
    exportsDir: path.join(dir, "exports"),
    owner: "boot-1",
    post: (m) => messages.push(m),
    idle: async () => {
      waits++;
    },
    fail: async (...args) => {
      if (full()) throw SQLITE_FULL();
      return failAttempt(...args);
    },
    complete: async (...args) => {
      if (full()) throw SQLITE_FULL();
      return completeJob(...args);
    },
    ...over,
  };
  return { deps, messages, waits: () => waits };
}

describe("the export worker on a full disk", () => {
  it("a failed file write whose failure cannot be recorded: the job is held, then queued for its 2 s retry once space is back", async () => {
    const id = await newJob();
    const w = worker({
      fullFor: 3,
      run: async () => {
        throw errno("ENOSPC", "ENOSPC: no space left on device, write");
      },
    });
    const before = Date.now();
    expect(await runNext(w.deps)).toBe(true);

    const job = (await findJob(db, SCOPE, id))!;
    expect(job).toMatchObject({ status: "QUEUED", attempts: 1, lease_owner: null, lease_until: null });
    // The 2 s wait counts from when the failure could be recorded, far before the 10-minute lease.
    expect(job.run_after).toBeGreaterThanOrEqual(before + 2000);
    expect(job.run_after).toBeLessThan(before + LEASE_MS);
    expect(w.waits()).toBe(3);

    // The log names the disk and the real error, never "cannot rollback".
    const storeErrors = w.messages.filter((m) => m.type === "store_error");
    expect(storeErrors).toEqual(
      Array(3).fill({ type: "store_error", error: "SqliteError: database or disk is full", disk: dir }),
    );
    expect(w.messages.at(-1)).toEqual({
      type: "failed",
      id,
      outcome: "retry",
      error: "Error: ENOSPC: no space left on device, write",
      disk: path.join(dir, "exports"),
    });
  });

  it("a file written but not recorded as done: COMPLETED once space is back, reported once", async () => {
    const id = await newJob();
    const w = worker({ fullFor: 2 });
    expect(await runNext(w.deps)).toBe(true);
    expect((await findJob(db, SCOPE, id))!).toMatchObject({ status: "COMPLETED", attempts: 1, lease_owner: null });
    expect(w.messages.filter((m) => m.type === "completed")).toEqual([{ type: "completed", id, rowCount: 1 }]);
    expect(fs.readdirSync(path.join(dir, "exports"))).toEqual([`${id}.csv.gz`]);
  });

  it("the queued retry then runs and completes", async () => {
    const id = await newJob();
    const failing = worker({
      fullFor: 1,
      run: async () => {
        throw errno("ENOSPC", "ENOSPC: no space left on device, write");
      },
    });
    await runNext(failing.deps);
    await db.updateTable("export_jobs").set({ run_after: Date.now() }).where("id", "=", id).execute();
    const healthy = worker({ fullFor: 0 });
    expect(await runNext(healthy.deps)).toBe(true);
    expect((await findJob(db, SCOPE, id))!).toMatchObject({ status: "COMPLETED", attempts: 2 });
  });
});

describe("the export worker's run of waiting jobs", () => {
  /** `n` more jobs, each a month of its own, from the `from`th month of 2010. */
  async function jobs(n: number, from = 1): Promise<string[]> {
    const ids: string[] = [];
    for (let m = from; m < from + n; m++) {
      const day = (d: number) =>
        `20${String(10 + Math.floor((m - 1) / 12)).padStart(2, "0")}-${String(((m - 1) % 12) + 1).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
      const body = {
        scope: { teamId: "t" },
        dateRange: { start: day(1), end: day(28) },
        metricGroups: ["df"],
        options: { granularity: "MONTHLY" },
      };
      const parsed = parseExportRequest(body, {
        orgIdentifier: SCOPE.org,
        projectIdentifier: SCOPE.project,
        benchmarks: BENCHMARK_NAMES,
      });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.details));
      ids.push(
        (await createOrReuse(db, SCOPE, parsed.params, exportParamsKey(parsed.params, SCOPE.org, SCOPE.project))).job
          .id,
      );
    }
    return ids;
  }

  const processing = async () =>
    (await db.selectFrom("export_jobs").select("id").where("status", "=", "PROCESSING").execute()).length;

  it("runs every waiting job in one go, holding at most HELD_JOBS at once; a failed one waits for its retry", async () => {
    const ids = await jobs(HELD_JOBS + 3);
    const seen: number[] = [];
    const w = worker({
      fullFor: 0,
      run: async (_db, _dir, job) => {
        seen.push(await processing());
        if (job.id === ids[0]) throw new Error("boom");
        return { artifact: `${job.id}.csv`, rowCount: 0, sizeBytes: 0 };
      },
    });
    expect(await runNext(w.deps)).toBe(true);
    expect(seen).toHaveLength(ids.length);
    expect(Math.max(...seen)).toBeLessThanOrEqual(HELD_JOBS);
    expect((await findJob(db, SCOPE, ids[0]!))!).toMatchObject({ status: "QUEUED", attempts: 1 });
    for (const id of ids.slice(1))
      expect((await findJob(db, SCOPE, id))!).toMatchObject({ status: "COMPLETED", attempts: 1 });
    expect(w.messages.filter((m) => m.type === "started").map((m) => (m as { id: string }).id)).toEqual(ids);
    expect(w.messages.filter((m) => m.type === "failed")).toHaveLength(1);
    expect(w.messages.filter((m) => m.type === "completed")).toHaveLength(ids.length - 1);
    expect(await runNext(w.deps)).toBe(false);
  });

  it("deferred work: run after the jobs without a defer; handed over, latest per key, with one", async () => {
    await jobs(3);
    const ran: string[] = [];
    const run: LoopDeps["run"] = async (_db, _dir, job, defer) => {
      defer?.("project", async () => void ran.push(job.id));
      defer?.(job.id, async () => void ran.push(`own ${job.id}`));
      return { artifact: `${job.id}.csv`, rowCount: 0, sizeBytes: 0 };
    };
    const inline = worker({ fullFor: 0, run });
    expect(await runNext(inline.deps)).toBe(true);
    const [a, b, c] = inline.messages.filter((m) => m.type === "started").map((m) => (m as { id: string }).id);
    // One round of held jobs: the project's task is the last job's, each job's own is kept.
    expect(ran).toEqual([c, `own ${a}`, `own ${b}`, `own ${c}`]);

    ran.length = 0;
    await jobs(2, 4);
    const handed: DeferredWork = new Map();
    const later = worker({ fullFor: 0, run, defer: (key, task) => handed.set(key, task) });
    expect(await runNext(later.deps)).toBe(true);
    expect(ran).toEqual([]);
    expect([...handed.keys()]).toHaveLength(3);
    await runDeferred(handed);
    expect(handed.size).toBe(0);
    expect(ran).toHaveLength(3);
  });
});
