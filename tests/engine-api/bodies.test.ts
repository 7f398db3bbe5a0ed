// What any body gets: nested past the limit, not UTF-8, or with ids that are not well-formed
// Unicode, every body is a 400 INVALID_ARGUMENT naming the problem, never a 500.
import { describe, expect, it } from "vitest";
import { api, ingestOk, json, setupEngine, type ErrorBody } from "./helpers";

setupEngine({ jobs: false });

const nested = (depth: number) => `{"items":[${"[".repeat(depth)}${"]".repeat(depth)}],}`;

describe("deeply nested bodies", () => {
  it("POST /v2/ingest/{kind} – JSONC nested 3,000 deep → 400 INVALID_ARGUMENT", async () => {
    const res = await api.ingest("teams", nested(3000));
    expect(res.status).toBe(400);
    const body = await json<ErrorBody>(res);
    expect(body.code).toBe("INVALID_ARGUMENT");
    expect(body.message).toMatch(/nested more than 64 levels/);
  });

  it("POST /v2/ingest/{kind} – plain JSON nested 100,000 deep → 400 INVALID_ARGUMENT", async () => {
    const res = await api.ingest("teams", `{"items":[${"[".repeat(100_000)}${"]".repeat(100_000)}]}`);
    expect(res.status).toBe(400);
    expect((await json<ErrorBody>(res)).code).toBe("INVALID_ARGUMENT");
  });

  it("POST /v2/insights/efficiency/exports – JSONC nested 3,000 deep → 400 INVALID_ARGUMENT", async () => {
    const res = await api.createExport(`{"scope":${"[".repeat(3000)}${"]".repeat(3000)},}`);
    expect(res.status).toBe(400);
    expect((await json<ErrorBody>(res)).code).toBe("INVALID_ARGUMENT");
  });

  it("POST /v2/insights/teams/reports – JSONC nested 3,000 deep → 400 INVALID_ARGUMENT", async () => {
    const res = await api.report(`{"efficiency":${'{"a":'.repeat(3000)}1${"}".repeat(3000)},}`);
    expect(res.status).toBe(400);
    expect((await json<ErrorBody>(res)).code).toBe("INVALID_ARGUMENT");
  });

  it("a body at the nesting limit is parsed (JSONC) and judged on its fields", async () => {
    await ingestOk("teams", [{ id: "n1", name: "N", orgTree: "Eng" }]);
    // items (2) + item (3) + 61 more arrays = 64 levels.
    const res = await api.ingest(
      "teams",
      `{"items":[{"id":"n1","name":"N","orgTree":"Eng","x":${"[".repeat(61)}${"]".repeat(61)}},]}`,
    );
    expect(res.status).toBe(400);
    expect((await json<ErrorBody>(res)).details).toEqual([{ index: 0, field: "x", message: "unknown field" }]);
  });
});
