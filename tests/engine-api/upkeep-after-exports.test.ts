// While an export runs, the store writer still derives the facts (the first coverage call would
// wait for them), but on PostgreSQL its vacuum of the grown tables waits: the database does that
// at full priority, beside the export worker's thread. It follows once the exports go quiet.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { factsCurrent } from "@/lib/engine/facts";
import { EXPORTS_QUIET_MS, FACTS_AFTER_IDLE_MS, UPKEEP_MAX_WAIT_MS } from "@/lib/engine/writer/protocol";
import { testDialect } from "@/lib/store/testing/test-store";
import { ingestDataset } from "./dataset";
import { growWorkItems, ORG, PROJECT, setupEngine, workItemsVacuumedAt } from "./helpers";

const runtime = setupEngine({ jobs: false });
const scope = { org: ORG, project: PROJECT };
const JOB = "exp_RUNNING001";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A job being computed (this engine runs no worker, so the row stays as written). */
async function exportRunning() {
  const { db } = await runtime();
  await db
    .insertInto("export_jobs")
    .values({
      id: JOB,
      org_id: ORG,
      project_id: PROJECT,
      params_key: "k",
      params: "{}",
      status: "PROCESSING",
      created_at: Date.now(),
      run_after: Date.now(),
    })
    .onConflict((oc) => oc.column("id").doUpdateSet({ status: "PROCESSING", completed_at: null }))
    .execute();
}

describe("the writer's upkeep while an export runs", () => {
  it("derives the facts all the same", async () => {
    const { db } = await runtime();
    await exportRunning();
    await ingestDataset();
    expect(await factsCurrent(db, scope)).toBe(false);
    const until = Date.now() + FACTS_AFTER_IDLE_MS + 15_000;
    while (!(await factsCurrent(db, scope)) && Date.now() < until) await sleep(100);
    expect(await factsCurrent(db, scope)).toBe(true);
  }, 60_000);

  it.runIf(testDialect() === "postgres")(
    "vacuums the tables that grew only once the exports are quiet",
    async () => {
      const { db } = await runtime();
      // Autovacuum could vacuum the grown table on its own meanwhile (its threshold is 1,000
      // inserted rows too), and leave the writer nothing to vacuum.
      await sql`ALTER TABLE work_items SET (autovacuum_enabled = false)`.execute(db);
      await exportRunning();
      const lastVacuum = () => workItemsVacuumedAt(db);
      const before = await lastVacuum();
      await growWorkItems();
      // Past both of the writer's looks (2 s after the writes, and 11 s after that), well within
      // the longest wait: without an export, the table would have been vacuumed by now.
      await sleep(FACTS_AFTER_IDLE_MS + 14_000);
      expect(UPKEEP_MAX_WAIT_MS).toBeGreaterThan(FACTS_AFTER_IDLE_MS + 14_000);
      expect(await lastVacuum()).toBe(before);

      await db
        .updateTable("export_jobs")
        .set({ status: "COMPLETED", completed_at: Date.now() })
        .where("id", "=", JOB)
        .execute();
      const done = Date.now();
      const until = done + 20_000;
      let at = await lastVacuum();
      while (at === before && Date.now() < until) {
        await sleep(250);
        at = await lastVacuum();
      }
      expect(at).not.toBe(before);
      expect(at!).toBeGreaterThanOrEqual(done + EXPORTS_QUIET_MS - 1000);
      await sql`ALTER TABLE work_items RESET (autovacuum_enabled)`.execute(db);
    },
    60_000,
  );
});
