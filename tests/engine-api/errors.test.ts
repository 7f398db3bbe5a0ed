// Spec §8: every error is JSON {code, message, details?}; none carries a stack trace, a key or SQL.
import { describe, expect, it } from "vitest";
import { api, exportBody, ingestOk, json, KEY, setupEngine, type ErrorBody } from "./helpers";

const runtime = setupEngine({ jobs: false });

const LEAKS = [
  /\bat \S+ \(/,
  /\.ts:\d+/,
  /node_modules/,
  /\bselect\b|\binsert\b|\bfrom "|no such table/i,
  new RegExp(KEY),
];

function expectClean(body: ErrorBody) {
  expect(Object.keys(body).sort()).toEqual(body.details ? ["code", "details", "message"] : ["code", "message"]);
  const text = JSON.stringify(body);
  for (const leak of LEAKS) expect(text).not.toMatch(leak);
}

describe("error bodies", () => {
  it("a quote-laden id is stored as data, not SQL", async () => {
    const id = `x'); DROP TABLE teams; --`;
    await ingestOk("teams", [{ id, name: "Quoted", orgTree: "Q" }]);
    expect((await api.createExport(exportBody(id))).status).toBe(202);
    expect((await api.remove("teams", id)).status).toBe(200);
  });

  it("a body over the size limit → 413 PAYLOAD_TOO_LARGE", async () => {
    const res = await api.createExport(exportBody("x", { metrics: ["LTTC_Mean_Days".padEnd(70_000, " ")] }));
    expect(res.status).toBe(413);
    expectClean(await json<ErrorBody>(res));
  });

  it("400, 401 and 404 bodies are plain", async () => {
    expectClean(await json<ErrorBody>(await api.createExport("{oops")));
    expectClean(await json<ErrorBody>(await api.createExport(exportBody("x"), { auth: "ApiKey wrong" })));
    expectClean(await json<ErrorBody>(await api.poll("exp_0000000000")));
  });

  // Runs last: it breaks the store on purpose.
  it("a store failure → 500 INTERNAL with no stack trace and no SQL", async () => {
    await ingestOk("teams", [{ id: "t", name: "T", orgTree: "Q" }]);
    const { db } = await runtime();
    await db.schema.dropTable("incidents").execute();
    const res = await api.ingest("incidents", { items: [{ id: "i", teamId: "t", openedAt: "2026-01-01T00:00:00Z" }] });
    expect(res.status).toBe(500);
    const body = await json<ErrorBody>(res);
    expect(body).toEqual({ code: "INTERNAL", message: "Something went wrong on the server." });
    expectClean(body);
  });
});
