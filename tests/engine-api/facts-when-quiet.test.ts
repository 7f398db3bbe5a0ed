// Once the writes stop for a moment, the store writer derives the deployment facts of the projects
// they changed, so the first call for the records behind a figure or the coverage finds them ready.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { factsCurrent } from "@/lib/engine/facts";
import { FACTS_AFTER_IDLE_MS } from "@/lib/engine/writer/protocol";
import { VACUUM_MIN_ROWS } from "@/lib/store/postgres";
import { testDialect } from "@/lib/store/testing/test-store";
import { ingestDataset } from "./dataset";
import { ingestOk, ORG, PROJECT, setupEngine } from "./helpers";

const runtime = setupEngine({ jobs: false });
const scope = { org: ORG, project: PROJECT };

describe("the deployment facts, derived when the writes go quiet", () => {
  it("are stale right after a write and current a little after it, with nobody asking", async () => {
    const { db } = await runtime();
    await ingestDataset();
    expect(await factsCurrent(db, scope)).toBe(false);
    const until = Date.now() + FACTS_AFTER_IDLE_MS + 15_000;
    while (!(await factsCurrent(db, scope)) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(await factsCurrent(db, scope)).toBe(true);
  });
});

describe.runIf(testDialect() === "postgres")("on PostgreSQL, the tables that grew", () => {
  it("are vacuumed once the writes go quiet, so their counts can read indexes alone", async () => {
    const { db } = await runtime();
    const lastVacuum = async () =>
      (
        await sql<{ at: Date | null }>`SELECT last_vacuum AS at FROM pg_stat_user_tables
          WHERE schemaname = current_schema() AND relname = 'work_items'`.execute(db)
      ).rows[0]?.at ?? null;
    const before = await lastVacuum();
    const items = Array.from({ length: 2 * VACUUM_MIN_ROWS }, (_, i) => ({
      id: `bulk-${i}`,
      teamId: "pay",
      key: `PAY-${1000 + i}`,
      createdAt: "2026-02-01T00:00:00Z",
      resolvedAt: "2026-02-03T00:00:00Z",
    }));
    for (let i = 0; i < items.length; i += 500) await ingestOk("work-items", items.slice(i, i + 500));
    // Facts first, then the vacuum; the table's insert counts reach the statistics within ~10 s.
    const until = Date.now() + FACTS_AFTER_IDLE_MS + 30_000;
    let at = await lastVacuum();
    while ((at === null || (before !== null && at.getTime() === before.getTime())) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      at = await lastVacuum();
    }
    expect(at).not.toBeNull();
    expect(at!.getTime()).not.toBe(before?.getTime());
  }, 60_000);
});
