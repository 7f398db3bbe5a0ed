// The same flow through /api against the embedded engine, in process: create → poll → download,
// access control, the report and the scopes.
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { setSeiClient } from "@/lib/sei";
import { ingest } from "@/lib/engine/ingest";
import { api, exportBody, json, setupProxy } from "./helpers";

const env = setupProxy("embedded");
const call = api(env);
const users = () => env().users;
const SCOPE = { org: "acme", project: "web" };

beforeAll(async () => {
  setSeiClient(null);
  const { db } = env().runtime;
  const teams = [
    { id: "eng", name: "Engineering", orgTree: "Eng", refId: 1, parentId: null },
    { id: "pay", name: "Payments", orgTree: "Eng", refId: 2, parentId: "eng" },
    { id: "ops", name: "Operations", orgTree: "Ops", refId: 5, parentId: null },
  ];
  const deployments = [
    { id: "d1", teamId: "pay", environment: "production", status: "success", finishedAt: "2026-01-10T00:00:00Z" },
    { id: "d2", teamId: "ops", environment: "prod", status: "failure", finishedAt: "2026-02-10T00:00:00Z" },
  ];
  for (const [kind, items] of [
    ["teams", teams],
    ["deployments", deployments],
  ] as const) {
    const out = await ingest(db, SCOPE, kind, { items });
    if (!out.ok) throw new Error(`ingest ${kind}: ${JSON.stringify(out.details)}`);
  }
});

async function pollUntilFinal(id: string): Promise<Record<string, unknown>> {
  const until = Date.now() + 15_000;
  for (;;) {
    const body = await json(await call.poll(id, { user: users().alice }));
    if (body.status === "COMPLETED" || body.status === "FAILED") return body;
    if (Date.now() > until) throw new Error(`export ${id} still ${String(body.status)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("embedded engine through /api", () => {
  let id = "";

  it("create → poll → download (CSV and the gzip file)", async () => {
    const created = await call.create({ user: users().alice, body: exportBody({ teamId: "pay" }) });
    expect(created.status).toBe(202);
    id = (await json<{ export: { id: string } }>(created)).export.id;
    expect(id).toMatch(/^exp_[0-9A-Z]{10}$/);
    const final = await pollUntilFinal(id);
    expect(final).toMatchObject({ status: "COMPLETED", rowCount: 2, downloadUrl: `/api/exports/${id}/download` });
    const csv = await (await call.download(id, { user: users().alice })).text();
    expect(csv.split("\n")[0]).toMatch(/^Team_Id,Team_Ref_Id,Team_Name,/);
    expect(csv).toContain("pay,2,Payments");
    const gz = await call.download(id, { user: users().alice, query: { as: "gzip" } });
    expect(gz.headers.get("content-type")).toBe("application/gzip");
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(csv);
  });

  it("an identical create is reused: 200, the same export", async () => {
    const again = await call.create({ user: users().alice, body: exportBody({ teamId: "pay" }) });
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ reused: true, export: { id } });
  });

  it("access: Bob (tree Ops) cannot create, poll, download or list Alice's team's export", async () => {
    expect((await call.create({ user: users().bob, body: exportBody({ teamId: "pay" }) })).status).toBe(403);
    expect((await call.poll(id, { user: users().bob })).status).toBe(404);
    expect((await call.download(id, { user: users().bob })).status).toBe(404);
    expect((await json<{ items: unknown[] }>(await call.list({ user: users().bob }))).items).toEqual([]);
    const bobs = await call.create({ user: users().bob, body: exportBody({ orgTreeName: "Ops" }) });
    expect(bobs.status).toBe(202);
    const aliceList = await json<{ items: { id: string }[] }>(await call.list({ user: users().alice }));
    expect(aliceList.items.map((i) => i.id)).toEqual([id]);
  });

  it("an unknown team → 404 from the engine", async () => {
    const res = await call.create({ user: users().admin, body: exportBody({ teamId: "nope" }) });
    expect(res.status).toBe(404);
  });

  it("POST /api/reports – the legacy report as CSV", async () => {
    const res = await call.report({
      user: users().alice,
      body: { dateStart: "2026-01-01", dateEnd: "2026-01-31", teamRefId: 2 },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="efficiency-report-2.csv"');
    expect((await res.text()).split("\n")[0]).toMatch(/^Team_Ref_Id,Team_Name,Team_Hierarchy/);
  });

  it("GET /api/scopes – the engine's teams this user may see", async () => {
    const body = await json<{ connection: unknown; teams: { id: string }[]; orgTrees: string[] }>(
      await call.scopes({ user: users().bob }),
    );
    expect(body).toMatchObject({ connection: { mode: "embedded", host: null }, orgTrees: ["Ops"] });
    expect(body.teams.map((t) => t.id)).toEqual(["ops"]);
  });
});
