import "server-only";
import type { Store } from "@/lib/store";
import type { Scope } from "./scope";

// Importer runs: their progress for the Sources page, and the cursor an interrupted run resumes from.

export type ImportStatus = "running" | "done" | "interrupted" | "failed";

export interface ImportRun {
  id: number;
  /** Where the last unfinished run of the same target stopped, or null for a fresh start. */
  cursor: unknown;
  resumed: boolean;
}

/** Starts a run, taking over the cursor of the last unfinished run of the same target. */
export async function startImport(db: Store, scope: Scope, source: string, target: string): Promise<ImportRun> {
  const now = Date.now();
  const last = await db
    .selectFrom("source_imports")
    .select(["id", "status", "cursor"])
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .where("source", "=", source)
    .where("target", "=", target)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const resume = last && last.status !== "done" && last.cursor ? JSON.parse(last.cursor) : null;
  // A run still marked running was cut short (Ctrl-C twice, a kill): it is resumed, not run beside.
  if (last && last.status === "running")
    await db
      .updateTable("source_imports")
      .set({ status: "interrupted", finished_at: now, message: "superseded by a new run" })
      .where("id", "=", last.id)
      .execute();
  const row = await db
    .insertInto("source_imports")
    .values({
      org_id: scope.org,
      project_id: scope.project,
      source,
      target,
      status: "running",
      started_at: now,
      updated_at: now,
      cursor: resume === null ? null : JSON.stringify(resume),
      message: resume === null ? null : "resumed where the last run stopped",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, cursor: resume, resumed: resume !== null };
}

export async function importProgress(
  db: Store,
  id: number,
  progress: { phase: string; done: number; events: number; cursor?: unknown },
): Promise<void> {
  await db
    .updateTable("source_imports")
    .set({
      phase: progress.phase,
      done: progress.done,
      events: progress.events,
      updated_at: Date.now(),
      ...(progress.cursor === undefined ? {} : { cursor: JSON.stringify(progress.cursor) }),
    })
    .where("id", "=", id)
    .execute();
}

export async function finishImport(
  db: Store,
  id: number,
  status: Exclude<ImportStatus, "running">,
  message: string | null,
): Promise<void> {
  const now = Date.now();
  await db
    .updateTable("source_imports")
    .set({
      status,
      finished_at: now,
      updated_at: now,
      message: message?.slice(0, 500) ?? null,
      ...(status === "done" ? { cursor: null } : {}),
    })
    .where("id", "=", id)
    .execute();
}

export interface ImportSummary {
  id: number;
  source: string;
  target: string;
  status: string;
  phase: string | null;
  done: number;
  events: number;
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
  message: string | null;
}

export async function recentImports(db: Store, scope: Scope, limit = 10): Promise<ImportSummary[]> {
  const rows = await db
    .selectFrom("source_imports")
    .selectAll()
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    target: r.target,
    status: r.status,
    phase: r.phase,
    done: r.done,
    events: r.events,
    startedAt: Number(r.started_at),
    updatedAt: Number(r.updated_at),
    finishedAt: r.finished_at === null ? null : Number(r.finished_at),
    message: r.message,
  }));
}
