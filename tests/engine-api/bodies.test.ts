// What any body gets: nested past the limit, not UTF-8, or with ids that are not well-formed
// Unicode, every body is a 400 INVALID_ARGUMENT naming the problem, never a 500.
import { describe, expect, it } from "vitest";
import { api, ingestOk, json, setupEngine, type ErrorBody } from "./helpers";

const runtime = setupEngine({ jobs: false });

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

const LONE = "must be well-formed Unicode (it holds a lone surrogate, U+D800 to U+DFFF)";

describe("text that is not well-formed Unicode", () => {
  it("POST /v2/ingest/teams – ids and names with a lone surrogate → 400 naming each item and field; nothing written", async () => {
    const res = await api.ingest(
      "teams",
      String.raw`{"items":[{"id":"ls-ok","name":"Fine","orgTree":"Eng"},{"id":"ls-\ud800","name":"A","orgTree":"Eng"},{"id":"ls-2","name":"B \udfff","orgTree":"Eng","parentId":"\ud83d"}]}`,
    );
    expect(res.status).toBe(400);
    expect((await json<ErrorBody>(res)).details).toEqual([
      { index: 1, field: "id", message: LONE },
      { index: 2, field: "name", message: LONE },
      { index: 2, field: "parentId", message: LONE },
    ]);
    const { db } = await runtime();
    expect(await db.selectFrom("teams").select("id").where("id", "like", "ls-%").execute()).toEqual([]);
  });

  it("POST /v2/ingest/deployments – a lone surrogate in a list entry names the entry", async () => {
    await ingestOk("teams", [{ id: "ls-team", name: "T", orgTree: "Eng" }]);
    const res = await api.ingest(
      "deployments",
      String.raw`{"items":[{"id":"d","teamId":"ls-team","environment":"prod","status":"success","finishedAt":"2026-01-05T10:00:00Z","commitShas":["abc","\udc00x"]}]}`,
    );
    expect(res.status).toBe(400);
    expect((await json<ErrorBody>(res)).details).toEqual([{ index: 0, field: "commitShas.1", message: LONE }]);
  });

  it("a surrogate pair (an emoji) is well-formed: stored and read back as sent, and a resend counts as updates", async () => {
    const items = [
      { id: "emoji-😀", name: "Smile 😀", orgTree: "Eng" },
      { id: "emoji-𝄞", name: "Clef", orgTree: "Eng" },
      { id: "emoji-plain", name: "Plain", orgTree: "Eng" },
    ];
    expect(await json(await api.ingest("teams", { items }))).toEqual({ received: 3, created: 3, updated: 0 });
    expect(await json(await api.ingest("teams", { items }))).toEqual({ received: 3, created: 0, updated: 3 });
    const { db } = await runtime();
    const stored = await db
      .selectFrom("teams")
      .select(["id", "name"])
      .where("id", "like", "emoji-%")
      .orderBy("id")
      .execute();
    expect(stored.map((t) => t.id).sort()).toEqual(items.map((t) => t.id).sort());
    expect(stored.find((t) => t.id === "emoji-😀")?.name).toBe("Smile 😀");
  });

  it("POST /v2/insights/efficiency/exports – a lone surrogate in scope.teamId → 400 naming the field", async () => {
    const res = await api.createExport(
      String.raw`{"scope":{"teamId":"x\ud800"},"dateRange":{"start":"2026-01-01","end":"2026-01-31"},"metricGroups":["df"],"options":{"granularity":"MONTHLY"}}`,
    );
    expect(res.status).toBe(400);
    expect((await json<ErrorBody>(res)).details).toEqual([{ field: "scope.teamId", message: LONE }]);
  });

  it("a body that is not UTF-8 → 400 INVALID_ARGUMENT", async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"items":[{"id":"bad-'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('","name":"N","orgTree":"Eng"}]}'),
    ]);
    const res = await api.ingest("teams", new Uint8Array(bytes));
    expect(res.status).toBe(400);
    const body = await json<ErrorBody>(res);
    expect(body.code).toBe("INVALID_ARGUMENT");
    expect(body.message).toMatch(/not valid UTF-8/);
  });
});
