// Annotations with the embedded engine: the same store and rules as in Harness mode, over the
// engine's own teams.
import { beforeAll, describe, expect, it } from "vitest";
import * as listRoute from "@/app/api/annotations/route";
import { ingest } from "@/lib/engine/ingest";
import { setSeiClient } from "@/lib/sei";
import { json, request, setupProxy, type Call } from "./helpers";

const env = setupProxy("embedded");
const ctx = { params: Promise.resolve({}) };
const list = async (query: Record<string, string>, call: Call) =>
  listRoute.GET(await request(env().runtime, "GET", "/api/annotations", { query, ...call }), ctx);
const create = async (call: Call) =>
  listRoute.POST(await request(env().runtime, "POST", "/api/annotations", call), ctx);

beforeAll(async () => {
  setSeiClient(null);
  const teams = [
    { id: "eng", name: "Engineering", orgTree: "Eng", refId: 1, parentId: null },
    { id: "pay", name: "Payments", orgTree: "Eng", refId: 2, parentId: "eng" },
  ];
  const out = await ingest(env().runtime.db, { org: "acme", project: "web" }, "teams", { items: teams });
  if (!out.ok) throw new Error(JSON.stringify(out.details));
});

describe("annotations on the embedded engine", () => {
  it("a note on a sub-team shows on its parent's and its org tree's views, named", async () => {
    const res = await create({
      user: env().users.alice,
      body: { scope: { teamId: "pay" }, startDate: "2026-02-09", text: "deploy freeze" },
    });
    expect(res.status).toBe(201);
    for (const query of [{ teamId: "eng" }, { orgTreeName: "Eng" }] as Record<string, string>[]) {
      const out = await json<{ items: { text: string; scopeName: string }[] }>(
        await list(query, { user: env().users.admin }),
      );
      expect(out.items).toEqual([expect.objectContaining({ text: "deploy freeze", scopeName: "Payments" })]);
    }
    expect((await list({ teamId: "eng" }, { user: env().users.alice })).status).toBe(403);
  });
});
