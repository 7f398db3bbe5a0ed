// Once the writes stop for a moment, the store writer derives the deployment facts of the projects
// they changed, so the first call for the records behind a figure or the coverage finds them ready.
import { describe, expect, it } from "vitest";
import { factsCurrent } from "@/lib/engine/facts";
import { FACTS_AFTER_IDLE_MS } from "@/lib/engine/writer/protocol";
import { testDialect } from "@/lib/store/testing/test-store";
import { ingestDataset } from "./dataset";
import { growWorkItems, ORG, PROJECT, setupEngine, workItemsVacuumedAt } from "./helpers";

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
    const before = await workItemsVacuumedAt(db);
    await growWorkItems();
    // Facts first, then the vacuum; the table's insert counts reach the statistics within ~10 s.
    const until = Date.now() + FACTS_AFTER_IDLE_MS + 30_000;
    let at = await workItemsVacuumedAt(db);
    while ((at === null || at === before) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      at = await workItemsVacuumedAt(db);
    }
    expect(at).not.toBeNull();
    expect(at).not.toBe(before);
  }, 60_000);
});
