// Once the writes stop for a moment, the store writer derives the deployment facts of the projects
// they changed, so the first call for the records behind a figure or the coverage finds them ready.
import { describe, expect, it } from "vitest";
import { factsCurrent } from "@/lib/engine/facts";
import { FACTS_AFTER_IDLE_MS } from "@/lib/engine/writer/protocol";
import { ingestDataset } from "./dataset";
import { ORG, PROJECT, setupEngine } from "./helpers";

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
