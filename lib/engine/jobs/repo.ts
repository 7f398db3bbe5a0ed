import "server-only";
import crypto from "node:crypto";
import type { ExpressionBuilder, Selectable } from "kysely";
import type { ExportParams } from "@/lib/dora";
import { type Store, writeTransaction, type DB, type ExportJobsTable } from "@/lib/store";
import type { Scope } from "../ingest";

export type JobRow = Selectable<ExportJobsTable>;

export const REUSE_WINDOW_MS = 30 * 60_000;
export const ARTIFACT_TTL_MS = 24 * 3600_000;
export const MAX_ATTEMPTS = 3;
export const LEASE_MS = 10 * 60_000;

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
 * transaction on the store's single connection serialises concurrent creates, so ten identical
 * requests at once make one job.
 */
export async function createOrReuse(
  db: Store,
  scope: Scope,
  params: ExportParams,
  paramsKey: string,
  now = Date.now(),
): Promise<{ job: JobRow; reused: boolean }> {
  return writeTransaction(db, async (trx) => {
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

const runnable = (now: number) => (eb: ExpressionBuilder<DB, "export_jobs">) =>
  eb.or([
    eb.and([eb("status", "=", "QUEUED"), eb("run_after", "<=", now)]),
    eb.and([eb("status", "=", "PROCESSING"), eb("lease_until", "<", now)]),
  ]);

/**
 * Takes up to `limit` runnable jobs, oldest first, under a lease for `owner`. It looks without a lock
 * first: an idle worker must not queue for the write lock every second while ingestion holds it.
 */
export async function claimNext(db: Store, owner: string, limit = 1, now = Date.now()): Promise<JobRow[]> {
  const waiting = await db.selectFrom("export_jobs").select("id").where(runnable(now)).limit(1).executeTakeFirst();
  if (!waiting) return [];
  return writeTransaction(db, (trx) => claimIn(trx, owner, limit, now));
}

/** The claim itself, inside a write transaction the caller holds. */
export async function claimIn(trx: Store, owner: string, limit: number, now = Date.now()): Promise<JobRow[]> {
  if (limit <= 0) return [];
  const next = await trx
    .selectFrom("export_jobs")
    .select("id")
    .where(runnable(now))
    .orderBy("run_after")
    .limit(limit)
    .execute();
  if (next.length === 0) return [];
  const claimed = await trx
    .updateTable("export_jobs")
    .set((eb) => ({
      status: "PROCESSING",
      started_at: eb.fn.coalesce("started_at", eb.val(now)),
      lease_owner: owner,
      lease_until: now + LEASE_MS,
      attempts: eb("attempts", "+", 1),
    }))
    .where(
      "id",
      "in",
      next.map((j) => j.id),
    )
    .returningAll()
    .execute();
  const order = new Map(next.map((j, i) => [j.id, i]));
  return claimed.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

/** Marks a job done, only if `owner` still holds its lease: a job completes once. */
export async function completeJob(
  db: Store,
  id: string,
  owner: string,
  result: { artifact: string; rowCount: number; sizeBytes: number },
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
  return res.numUpdatedRows > 0n;
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
      { code: "INTERRUPTED", message: "The export was interrupted and could not finish." },
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
}
