// Spec §1: every engine endpoint needs `authorization: ApiKey <key>` and the project identifiers;
// a refused request touches nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { ingestDataset, PAYMENTS } from "./dataset";
import { api, exportBody, json, KEY, pollUntilFinal, setupEngine, type CallOptions, type ErrorBody } from "./helpers";

const runtime = setupEngine();
let exportId = "";

beforeAll(async () => {
  await ingestDataset();
  const res = await api.createExport(exportBody("pay"));
  exportId = (await json<{ exportId: string }>(res)).exportId;
  await pollUntilFinal(exportId);
});

const REPORT_BODY = { dateStart: "2026-01-01", dateEnd: "2026-02-28", teamRefId: PAYMENTS.refId };

const ENDPOINTS: [string, (opts: CallOptions) => Promise<Response>][] = [
  [
    "POST /v2/insights/efficiency/exports",
    (o) => api.createExport(exportBody("pay", { options: { granularity: "WEEKLY" } }), o),
  ],
  ["GET /v2/insights/efficiency/exports/{id}", (o) => api.poll(exportId, o)],
  ["GET /v2/insights/efficiency/exports/{id}/download", (o) => api.download(exportId, o)],
  ["POST /v2/ingest/{kind}", (o) => api.ingest("teams", { items: [{ id: "new", name: "New", orgTree: "Other" }] }, o)],
  ["DELETE /v2/ingest/{kind}/{id}", (o) => api.remove("incidents", "inc3", o)],
  ["POST /v2/insights/teams/reports", (o) => api.report(REPORT_BODY, o)],
];

const REFUSED: [string, string | null][] = [
  ["no header", null],
  ["a wrong key", "ApiKey ff_not_the_key"],
  ["the Bearer scheme", `Bearer ${KEY}`],
  ["the key alone", KEY],
  ["ApiKey without a key", "ApiKey "],
];

async function storeCounts() {
  const { db } = await runtime();
  const count = async (table: "teams" | "incidents" | "export_jobs") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { teams: await count("teams"), incidents: await count("incidents"), jobs: await count("export_jobs") };
}

describe.each(ENDPOINTS)("%s", (_name, call) => {
  it.each(REFUSED)("%s → 401 UNAUTHENTICATED and nothing written", async (_case, auth) => {
    const before = await storeCounts();
    const res = await call({ auth });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await json<ErrorBody>(res);
    expect(body.code).toBe("UNAUTHENTICATED");
    expect(JSON.stringify(body)).not.toContain(KEY);
    expect(await storeCounts()).toEqual(before);
  });

  it("an unauthenticated request is refused before its identifiers are checked", async () => {
    const res = await call({ auth: null, project: null, org: null });
    expect(res.status).toBe(401);
  });

  it("missing projectIdentifier → 400 naming it", async () => {
    const res = await call({ project: null });
    expect(res.status).toBe(400);
    expect(await json<ErrorBody>(res)).toMatchObject({
      code: "INVALID_ARGUMENT",
      details: [{ field: "projectIdentifier" }],
    });
  });
});

describe.each(ENDPOINTS.filter(([name]) => !name.includes("reports")))("%s", (_name, call) => {
  it("missing orgIdentifier → 400 naming it", async () => {
    const res = await call({ org: null });
    expect(res.status).toBe(400);
    expect(await json<ErrorBody>(res)).toMatchObject({
      code: "INVALID_ARGUMENT",
      details: [{ field: "orgIdentifier" }],
    });
  });
});

describe("the scheme word is case-insensitive", () => {
  it.each(["ApiKey", "apikey", "APIKEY", "aPiKeY"])("%s <key> → the request is served", async (scheme) => {
    const auth = `${scheme} ${KEY}`;
    expect((await api.poll(exportId, { auth })).status).toBe(200);
    expect((await api.download(exportId, { auth })).status).toBe(200);
    expect((await api.report(REPORT_BODY, { auth })).status).toBe(200);
    expect(
      (await api.ingest("teams", { items: [{ id: `t-${scheme}`, name: scheme, orgTree: "Other" }] }, { auth })).status,
    ).toBe(200);
    expect((await api.remove("teams", `t-${scheme}`, { auth })).status).toBe(200);
    expect([200, 202]).toContain((await api.createExport(exportBody("plat"), { auth })).status);
  });
});

describe("the legacy reports API", () => {
  it("does not need orgIdentifier", async () => {
    expect((await api.report(REPORT_BODY, { org: null })).status).toBe(200);
  });
});
