import "server-only";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import type { Store } from "@/lib/store";
import { ingest, type Scope } from "@/lib/engine";
import { DEMO_ORG_IDENTIFIER, DEMO_PROJECT_IDENTIFIER, demoOrg } from "./demo-org";
import type { OrgData } from "./generate-org";

export const DEMO_SCOPE: Scope = { org: DEMO_ORG_IDENTIFIER, project: DEMO_PROJECT_IDENTIFIER };

const TABLES = ["incidents", "deployments", "pull_requests", "builds", "work_items", "teams"] as const;

/** Sends generated data through the ingestion service, batch by batch, as the HTTP API would. */
export async function ingestOrg(
  db: Store,
  scope: Scope,
  org: OrgData,
  onBatch?: (kind: string, n: number) => void,
): Promise<number> {
  let total = 0;
  for (const { kind, items } of org.all()) {
    const result = await ingest(db, scope, kind, { items });
    if (!result.ok) throw new Error(`demo ${kind} batch refused: ${JSON.stringify(result.details.slice(0, 3))}`);
    total += items.length;
    onBatch?.(kind, items.length);
  }
  return total;
}

export async function projectIsEmpty(db: Store, scope: Scope): Promise<boolean> {
  const row = await db
    .selectFrom("teams")
    .select(sql<number>`1`.as("one"))
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .limit(1)
    .executeTakeFirst();
  return !row;
}

/** Deletes a project's records and export jobs; returns the export files that are no longer referenced. */
export async function clearProject(db: Store, scope: Scope): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    for (const table of TABLES) {
      await trx.deleteFrom(table).where("org_id", "=", scope.org).where("project_id", "=", scope.project).execute();
    }
    const jobs = await trx
      .deleteFrom("export_jobs")
      .where("org_id", "=", scope.org)
      .where("project_id", "=", scope.project)
      .returning(["id", "artifact"])
      .execute();
    // Their files kept in the store (PostgreSQL); on SQLite they are in the exports folder.
    for (const job of jobs) await trx.deleteFrom("export_files").where("job_id", "=", job.id).execute();
    return jobs.flatMap((j) => (j.artifact ? [j.artifact] : []));
  });
}

/** Fills the demo project when it is empty (or always, with `reset`). Returns the records written, 0 when it left the store alone. */
export async function seedDemo(
  db: Store,
  opts: { reset?: boolean; end?: Date; exportsDir?: string } = {},
): Promise<number> {
  if (opts.reset) {
    for (const file of await clearProject(db, DEMO_SCOPE)) {
      if (opts.exportsDir) fs.rmSync(path.join(/*turbopackIgnore: true*/ opts.exportsDir, file), { force: true });
    }
  } else if (!(await projectIsEmpty(db, DEMO_SCOPE))) return 0;
  return ingestOrg(db, DEMO_SCOPE, demoOrg(opts.end));
}
