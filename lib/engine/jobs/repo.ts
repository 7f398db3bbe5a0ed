import "server-only";
import crypto from "node:crypto";
import type { Expression, ExpressionBuilder, Selectable, SqlBool } from "kysely";
import type { ExportParams } from "@/lib/dora";
import {
  type Store,
  writeTransaction,
  type DB,
  type ExportJobsTable,
  isPostgres,
  lockInTransaction,
} from "@/lib/store";
import type { Scope } from "../ingest";
import { storeArtifact } from "./artifacts";

export type JobRow = Selectable<ExportJobsTable>;

export const REUSE_WINDOW_MS = 30 * 60_000;
export const ARTIFACT_TTL_MS = 24 * 3600_000;
export const MAX_ATTEMPTS = 3;
/**
 * A claim's lease on SQLite, where one server process runs the only worker: it sees its worker die
 * and releases that worker's jobs at once, so the lease only guards against a stuck store.
 */
export const LEASE_MS = 10 * 60_000;
/**
 * A claim's lease on PostgreSQL, where other instances may take a job over: short, and renewed every
 * LEASE_RENEW_MS by the worker running it, so the job of an instance that died is taken up by another
 * within SHARED_LEASE_MS plus a worker's idle look (1 s).
 */
export const SHARED_LEASE_MS = 20_000;
export const LEASE_RENEW_MS = 5_000;

export const leaseMs = (db: Store): number => (isPostgres(db) ? SHARED_LEASE_MS : LEASE_MS);

const INTERRUPTED_FIELDS = {
  error_code: "INTERRUPTED",
  error_message: "The export was interrupted and could not finish.",
} as const;

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** `exp_` and 10 characters of upper-case base36, random (spec §5). */
export function newExportId(): string {
  const bytes = crypto.randomBytes(10);
  let id = "exp_";
  for (const b of bytes) id += ALPHABET[b % 36];
  return id;
}

export const EXPORT_ID_PATTERN = /^exp_[0-9A-Z]{10}$/;

/**
 * Creates a job, or returns a live one with identical parameters from the last 30 minutes. One
 * write transaction serialises concurrent creates (SQLite's write lock; on PostgreSQL an advisory
 * lock on the parameters, held across instances), so ten identical requests at once make one job.
 */
export async function createOrReuse(
  db: Store,
  scope: Scope,
  params: ExportParams,
  paramsKey: string,
  now = Date.now(),
): Promise<{ job: JobRow; reused: boolean }> {
  return writeTransaction(db, async (trx) => {
    // On a shared store, creates on other instances wait here: the look below then sees their job.
    await lockInTransaction(trx, JSON.stringify(["export", scope.org, scope.project, paramsKey]));
    const existing = await trx
      .selectFrom("export_jobs")
      .selectAll()
      .where("org_id", "=", scope.org)
      .where("project_id", "=", scope.project)
      .where("params_key", "=", paramsKey)
      .where("created_at", ">=", now - REUSE_WINDOW_MS)
      .where("status", "!=", "FAILED")
      .orderBy("created_at", "desc")
      .executeTakeFirst();
    if (existing) return { job: existing, reused: true };
    const job = await trx
      .insertInto("export_jobs")
      .values({
        id: newExportId(),
        org_id: scope.org,
        project_id: scope.project,
        params_key: paramsKey,
        params: JSON.stringify(params),
        status: "QUEUED",
        created_at: now,
        run_after: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { job, reused: false };
  });
}

export async function findJob(db: Store, scope: Scope, id: string): Promise<JobRow | undefined> {
  return db
    .selectFrom("export_jobs")
    .selectAll()
    .where("id", "=", id)
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .executeTakeFirst();
}

type JobsWhere = (eb: ExpressionBuilder<DB, "export_jobs">) => Expression<SqlBool>;

/** Queued and due, or claimed by a runner that stopped renewing its lease and with attempts left. */
const runnable =
  (now: number): JobsWhere =>
  (eb) =>
    eb.or([
      eb.and([eb("status", "=", "QUEUED"), eb("run_after", "<=", now)]),
      eb.and([eb("status", "=", "PROCESSING"), eb("lease_until", "<", now), eb("attempts", "<", MAX_ATTEMPTS)]),
    ]);

/** Claimed by a runner that stopped renewing its lease on the last attempt: a job that kills its runner. */
const spent =
  (now: number): JobsWhere =>
  (eb) =>
    eb.and([eb("status", "=", "PROCESSING"), eb("lease_until", "<", now), eb("attempts", ">=", MAX_ATTEMPTS)]);

/**
 * Takes up to `limit` runnable jobs, oldest first, under a lease for `owner`. It looks without a lock
 * first: an idle worker must not queue for the write lock every second while ingestion holds it.
 */
export async function claimNext(db: Store, owner: string, limit = 1, now = Date.now()): Promise<JobRow[]> {
  const waiting = await db
    .selectFrom("export_jobs")
    .select("id")
    .where((eb) => eb.or([runnable(now)(eb), spent(now)(eb)]))
    .limit(1)
    .executeTakeFirst();
  if (!waiting) return [];
  return writeTransaction(db, (trx) => claimIn(trx, owner, limit, now));
}

/**
 * The claim itself, inside a write transaction the caller holds. Jobs whose runner died on their
 * last attempt are FAILED first, so a job that kills every runner stops after MAX_ATTEMPTS. The
 * update repeats the look's conditions: on PostgreSQL an instance that claimed the same job a
 * moment earlier leaves it not runnable, and this one then takes nothing instead of taking it twice
 * (SKIP LOCKED makes that rare: a job another instance is claiming is passed over).
 */
export async function claimIn(trx: Store, owner: string, limit: number, now = Date.now()): Promise<JobRow[]> {
  if (limit <= 0) return [];
  await trx
    .updateTable("export_jobs")
    .set({ status: "FAILED", completed_at: now, ...INTERRUPTED_FIELDS, lease_owner: null, lease_until: null })
    .where(spent(now))
    .execute();
  const shared = isPostgres(trx);
  const next = await trx
    .selectFrom("export_jobs")
    .select("id")
    .where(runnable(now))
    .orderBy("run_after")
    .limit(limit)
    .$if(shared, (q) => q.forUpdate().skipLocked())
    .execute();
  if (next.length === 0) return [];
  const claimed = await trx
    .updateTable("export_jobs")
    .set((eb) => ({
      status: "PROCESSING",
      started_at: eb.fn.coalesce("started_at", eb.val(now)),
      lease_owner: owner,
      lease_until: now + (shared ? SHARED_LEASE_MS : LEASE_MS),
      attempts: eb("attempts", "+", 1),
    }))
    .where(
      "id",
      "in",
      next.map((j) => j.id),
    )
    .where(runnable(now))
    .returningAll()
    .execute();
  const order = new Map(next.map((j, i) => [j.id, i]));
  return claimed.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

/**
 * Extends the leases of the jobs `owner` holds; how many it still holds. A lease another runner took
 * over (this one stalled past it) is not given back: that runner's outcome is the one recorded.
 */
export async function renewLeases(db: Store, owner: string, now = Date.now()): Promise<number> {
  const res = await db
    .updateTable("export_jobs")
    .set({ lease_until: now + leaseMs(db) })
    .where("lease_owner", "=", owner)
    .where("status", "=", "PROCESSING")
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * Marks a job done, only if `owner` still holds its lease: a job completes once. On a shared store
 * the file (`file`, the local copy) goes into the store in the same transaction, so the one
 * completion is also the one file every instance serves.
 */
export async function completeJob(
  db: Store,
  id: string,
  owner: string,
  result: { artifact: string; rowCount: number; sizeBytes: number; file?: string },
  now = Date.now(),
): Promise<boolean> {
  const res = await db
    .updateTable("export_jobs")
    .set({
      status: "COMPLETED",
      completed_at: now,
      expires_at: now + ARTIFACT_TTL_MS,
      artifact: result.artifact,
      row_count: result.rowCount,
      size_bytes: result.sizeBytes,
      lease_owner: null,
      lease_until: null,
    })
    .where("id", "=", id)
    .where("lease_owner", "=", owner)
    .where("status", "=", "PROCESSING")
    .executeTakeFirst();
  const completed = res.numUpdatedRows > 0n;
  if (completed && result.file && isPostgres(db)) await storeArtifact(db, id, result.file);
  return completed;
}

/** A failed attempt: retried with backoff (2 s, 8 s, …) until MAX_ATTEMPTS, then FAILED with the reason. */
export async function failAttempt(
  db: Store,
  job: Pick<JobRow, "id" | "attempts">,
  owner: string | null,
  error: { code: string; message: string },
  now = Date.now(),
): Promise<"retry" | "failed"> {
  const final = job.attempts >= MAX_ATTEMPTS || error.code === "INVALID_EXPORT";
  let q = db
    .updateTable("export_jobs")
    .set(
      final
        ? {
            status: "FAILED",
            completed_at: now,
            error_code: error.code,
            error_message: error.message,
            lease_owner: null,
            lease_until: null,
          }
        : {
            status: "QUEUED",
            run_after: now + 2000 * 4 ** (job.attempts - 1),
            error_message: error.message,
            lease_owner: null,
            lease_until: null,
          },
    )
    .where("id", "=", job.id)
    .where("status", "=", "PROCESSING");
  if (owner !== null) q = q.where("lease_owner", "=", owner);
  await q.execute();
  return final ? "failed" : "retry";
}

/**
 * Jobs leased by owners that no longer run (a previous process, a dead worker thread) count a
 * failed attempt: they are queued again at once, or FAILED when they have used their attempts.
 */
export async function recoverOrphans(db: Store, isDead: (owner: string) => boolean, now = Date.now()): Promise<number> {
  const orphans = await db
    .selectFrom("export_jobs")
    .select(["id", "attempts", "lease_owner"])
    .where("status", "=", "PROCESSING")
    .execute();
  let n = 0;
  for (const job of orphans) {
    if (job.lease_owner !== null && !isDead(job.lease_owner)) continue;
    const outcome = await failAttempt(
      db,
      job,
      job.lease_owner,
      { code: INTERRUPTED_FIELDS.error_code, message: INTERRUPTED_FIELDS.error_message },
      now,
    );
    if (outcome === "retry")
      await db.updateTable("export_jobs").set({ run_after: now }).where("id", "=", job.id).execute();
    n++;
  }
  return n;
}

/** Completed jobs whose artifact has expired: their files may be removed. */
export async function expiredArtifacts(db: Store, now = Date.now()): Promise<{ id: string; artifact: string }[]> {
  const rows = await db
    .selectFrom("export_jobs")
    .select(["id", "artifact"])
    .where("status", "=", "COMPLETED")
    .where("expires_at", "<", now)
    .where("artifact", "is not", null)
    .execute();
  return rows.map((r) => ({ id: r.id, artifact: r.artifact! }));
}

export async function forgetArtifact(db: Store, id: string): Promise<void> {
  await db.updateTable("export_jobs").set({ artifact: null }).where("id", "=", id).execute();
  await db.deleteFrom("export_files").where("job_id", "=", id).execute();
}

/** How far back exportsBusy looks for a job that has just finished: jobs queued within the hour. */
const RECENT_JOBS_MS = 3_600_000;

/**
 * Whether exports are being computed or are due, or one finished within `quietMs`, on any
 * instance. The store writer's vacuum on PostgreSQL waits while they are, so a manager's export
 * is not slowed by work nobody waits for.
 */
export async function exportsBusy(db: Store, quietMs: number, now = Date.now()): Promise<boolean> {
  const active = await db
    .selectFrom("export_jobs")
    .select("id")
    .where((eb) =>
      eb.or([eb("status", "=", "PROCESSING"), eb.and([eb("status", "=", "QUEUED"), eb("run_after", "<=", now)])]),
    )
    .limit(1)
    .executeTakeFirst();
  if (active) return true;
  const last = await db
    .selectFrom("export_jobs")
    .select((eb) => eb.fn.max("completed_at").as("at"))
    .where("status", "=", "COMPLETED")
    .where("run_after", ">", now - RECENT_JOBS_MS)
    .executeTakeFirst();
  return Number(last?.at ?? 0) > now - quietMs;
}
