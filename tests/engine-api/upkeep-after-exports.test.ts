// The store writer's upkeep (deriving facts, vacuuming) waits while an export runs, so the
// export is not slowed by work nobody waits for; it follows once the exports go quiet.
import { describe, expect, it } from "vitest";
import { factsCurrent } from "@/lib/engine/facts";
import { EXPORTS_QUIET_MS, FACTS_AFTER_IDLE_MS } from "@/lib/engine/writer/protocol";
import { ingestDataset } from "./dataset";
import { ORG, PROJECT, setupEngine } from "./helpers";

const runtime = setupEngine({ jobs: false });
const scope = { org: ORG, project: PROJECT };

describe("the writer's upkeep, while an export runs", () => {
  it("waits for the export to finish, then derives the facts", async () => {
    const { db } = await runtime();
    // A job being computed (this engine runs no worker, so the row stays as written).
    await db
      .insertInto("export_jobs")
      .values({
        id: "exp_RUNNING001",
        org_id: ORG,
        project_id: PROJECT,
        params_key: "k",
        params: "{}",
        status: "PROCESSING",
        created_at: Date.now(),
        run_after: Date.now(),
      })
      .execute();
    await ingestDataset();
    await new Promise((r) => setTimeout(r, FACTS_AFTER_IDLE_MS + 3_000));
    expect(await factsCurrent(db, scope)).toBe(false);

    const done = Date.now();
    await db
      .updateTable("export_jobs")
      .set({ status: "COMPLETED", completed_at: done })
      .where("id", "=", "exp_RUNNING001")
      .execute();
    const until = Date.now() + 15_000;
    while (!(await factsCurrent(db, scope)) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(await factsCurrent(db, scope)).toBe(true);
    // Not before the exports had been quiet for a while.
    expect(Date.now() - done).toBeGreaterThanOrEqual(EXPORTS_QUIET_MS - 500);
  }, 40_000);
});
