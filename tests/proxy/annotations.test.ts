// /api/annotations: notes on a team or an org tree. Alice may see team `pay` (and `pay-api`), Bob
// the org tree `Ops`; the tree Eng is eng → pay → pay-api, eng → web.
import { describe, expect, it } from "vitest";
import type { User } from "@/lib/auth";
import * as itemRoute from "@/app/api/annotations/[id]/route";
import * as listRoute from "@/app/api/annotations/route";
import { harness } from "./harness-env";
import { json, request, type Call } from "./helpers";

const { env, fake } = harness();
const users = () => env().users;
const rt = () => env().runtime;
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });

const api = {
  list: async (query: Record<string, string>, call: Call = {}) =>
    listRoute.GET(await request(rt(), "GET", "/api/annotations", { query, ...call }), ctx({})),
  create: async (call: Call) => listRoute.POST(await request(rt(), "POST", "/api/annotations", call), ctx({})),
  update: async (id: string | number, call: Call) =>
    itemRoute.PATCH(await request(rt(), "PATCH", `/api/annotations/${id}`, call), ctx({ id: String(id) })),
  remove: async (id: string | number, call: Call) =>
    itemRoute.DELETE(await request(rt(), "DELETE", `/api/annotations/${id}`, call), ctx({ id: String(id) })),
};

interface Note {
  id: number;
  scope: Record<string, string>;
  scopeName: string;
  startDate: string;
  endDate: string | null;
  text: string;
  author: string;
  mayEdit: boolean;
  updatedAt: string | null;
}

async function write(user: User, body: Record<string, unknown>): Promise<Note> {
  const res = await api.create({ user, body });
  if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
  return json<Note>(res);
}

const listed = async (user: User, query: Record<string, string>) => {
  const res = await api.list(query, { user });
  return { status: res.status, items: res.status === 200 ? (await json<{ items: Note[] }>(res)).items : [] };
};

describe("POST /api/annotations", () => {
  it("a note on a team the user may see → 201 with its author, and nothing asked of SEI", async () => {
    const res = await api.create({
      user: users().alice,
      body: { scope: { teamId: "pay-api" }, startDate: "2026-03-02", endDate: "2026-03-13", text: "  deploy freeze  " },
    });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({
      scope: { kind: "team", teamId: "pay-api" },
      scopeName: "Payments API",
      startDate: "2026-03-02",
      endDate: "2026-03-13",
      text: "deploy freeze",
      author: "alice@example.com",
      mayEdit: true,
      updatedAt: null,
    });
    expect(fake().requests).toHaveLength(0);
  });

  it.each([
    ["alice on the parent team", "alice", { teamId: "eng" }],
    ["alice on the org tree", "alice", { orgTreeName: "Eng" }],
    ["bob on another tree's team", "bob", { teamId: "pay" }],
  ] as const)("%s → 403", async (_name, user, scope) => {
    const res = await api.create({ user: users()[user], body: { scope, startDate: "2026-03-02", text: "x" } });
    expect(res.status).toBe(403);
    expect(await json(res)).toMatchObject({ code: "PERMISSION_DENIED" });
  });

  it.each([
    ["no scope", { startDate: "2026-03-02", text: "x" }, "scope"],
    [
      "both teamId and orgTreeName",
      { scope: { teamId: "pay", orgTreeName: "Eng" }, startDate: "2026-03-02", text: "x" },
      "scope",
    ],
    ["a blank team id", { scope: { teamId: "  " }, startDate: "2026-03-02", text: "x" }, "scope.teamId"],
    ["a date that does not exist", { scope: { teamId: "pay" }, startDate: "2026-02-30", text: "x" }, "startDate"],
    ["a date in another format", { scope: { teamId: "pay" }, startDate: "03/02/2026", text: "x" }, "startDate"],
    [
      "an end before the start",
      { scope: { teamId: "pay" }, startDate: "2026-03-02", endDate: "2026-03-01", text: "x" },
      "endDate",
    ],
    [
      "a range of more than ten years",
      { scope: { teamId: "pay" }, startDate: "2010-01-01", endDate: "2026-01-01", text: "x" },
      "endDate",
    ],
    ["an empty text", { scope: { teamId: "pay" }, startDate: "2026-03-02", text: "   " }, "text"],
    ["a text of 281 characters", { scope: { teamId: "pay" }, startDate: "2026-03-02", text: "a".repeat(281) }, "text"],
    ["a text with a line break", { scope: { teamId: "pay" }, startDate: "2026-03-02", text: "a\nb" }, "text"],
    ["a lone surrogate", { scope: { teamId: "pay" }, startDate: "2026-03-02", text: "a\ud800" }, "text"],
    ["an unknown field", { scope: { teamId: "pay" }, startDate: "2026-03-02", text: "x", author: "eve" }, "body"],
    ["a text that is not a string", { scope: { teamId: "pay" }, startDate: "2026-03-02", text: 42 }, "text"],
  ])("%s → 400 naming %s", async (_name, body, field) => {
    const res = await api.create({ user: users().alice, body });
    expect(res.status).toBe(400);
    const out = await json<{ code: string; details: { field: string }[] }>(res);
    expect(out.code).toBe("INVALID_ARGUMENT");
    expect(out.details.map((d) => d.field)).toContain(field);
  });

  it("a text of exactly 280 characters is kept whole", async () => {
    const note = await write(users().alice, {
      scope: { teamId: "pay" },
      startDate: "2026-01-05",
      text: "b".repeat(280),
    });
    expect(note.text).toHaveLength(280);
  });

  it.each([
    ["an Origin of another site", { origin: "https://evil.example" }, 403],
    ["neither Origin nor Sec-Fetch-Site", { origin: "", "sec-fetch-site": "" }, 403],
    ["a form post", { "content-type": "application/x-www-form-urlencoded" }, 415],
  ])("%s → %i, nothing stored", async (_name, headers, status) => {
    const text = `refused ${Math.random()}`;
    const res = await api.create({
      user: users().admin,
      headers,
      body: { scope: { teamId: "pay" }, startDate: "2026-01-05", text },
    });
    expect(res.status).toBe(status);
    const { items } = await listed(users().admin, { teamId: "pay" });
    expect(items.map((n) => n.text)).not.toContain(text);
  });

  it("without a session → 401", async () => {
    const res = await api.create({ body: { scope: { teamId: "pay" }, startDate: "2026-01-05", text: "x" } });
    expect(res.status).toBe(401);
  });
});

describe("GET /api/annotations", () => {
  it("a view lists its own notes and its sub-teams', named, the newest dates first; never its parents'", async () => {
    const onEng = await write(users().admin, {
      scope: { teamId: "eng" },
      startDate: "2026-04-01",
      text: "moved to trunk",
    });
    const onTree = await write(users().admin, {
      scope: { orgTreeName: "Eng" },
      startDate: "2026-04-02",
      text: "reorg",
    });
    const onPayApi = await write(users().alice, {
      scope: { teamId: "pay-api" },
      startDate: "2026-04-03",
      text: "api freeze",
    });
    const onSre = await write(users().bob, { scope: { teamId: "sre" }, startDate: "2026-04-04", text: "pager change" });

    const ids = (items: Note[]) => items.map((n) => n.id);
    const tree = await listed(users().admin, { orgTreeName: "Eng" });
    expect(ids(tree.items)).toEqual(expect.arrayContaining([onEng.id, onTree.id, onPayApi.id]));
    expect(ids(tree.items)).not.toContain(onSre.id);
    const dates = tree.items.map((n) => n.startDate);
    expect(dates).toEqual([...dates].sort().reverse());

    const eng = await listed(users().admin, { teamId: "eng" });
    expect(ids(eng.items)).toEqual(expect.arrayContaining([onEng.id, onPayApi.id]));
    expect(ids(eng.items)).not.toContain(onTree.id);
    expect(eng.items.find((n) => n.id === onPayApi.id)).toMatchObject({
      scope: { kind: "team", teamId: "pay-api" },
      scopeName: "Payments API",
      author: "alice@example.com",
    });

    const pay = await listed(users().alice, { teamId: "pay" });
    expect(ids(pay.items)).toContain(onPayApi.id);
    expect(ids(pay.items)).not.toContain(onEng.id);
    expect(ids(pay.items)).not.toContain(onTree.id);

    const ops = await listed(users().bob, { orgTreeName: "Ops" });
    expect(ids(ops.items)).toEqual([onSre.id]);
  });

  it.each([
    ["alice, the parent team", "alice", { teamId: "eng" }],
    ["alice, the org tree", "alice", { orgTreeName: "Eng" }],
    ["bob, a team of another tree", "bob", { teamId: "pay-api" }],
  ] as const)("a scope the user may not see → 403 (%s)", async (_name, user, query) => {
    const res = await api.list(query, { user: users()[user] });
    expect(res.status).toBe(403);
    expect(await json(res)).toMatchObject({ code: "PERMISSION_DENIED" });
  });

  it.each([
    ["no scope", {}],
    ["both scopes", { teamId: "pay", orgTreeName: "Eng" }],
    ["an unknown parameter", { teamId: "pay", limit: "5" }],
  ])("%s → 400", async (_name, query) => {
    expect((await api.list(query, { user: users().admin })).status).toBe(400);
  });

  it("mayEdit is true for the author and admins only", async () => {
    const note = await write(users().alice, { scope: { teamId: "pay" }, startDate: "2026-05-01", text: "mine" });
    const pick = async (user: User) => (await listed(user, { teamId: "pay" })).items.find((n) => n.id === note.id);
    expect((await pick(users().alice))?.mayEdit).toBe(true);
    expect((await pick(users().admin))?.mayEdit).toBe(true);
    const admins = await write(users().admin, { scope: { teamId: "pay" }, startDate: "2026-05-01", text: "theirs" });
    const seen = (await listed(users().alice, { teamId: "pay" })).items.find((n) => n.id === admins.id);
    expect(seen?.mayEdit).toBe(false);
  });
});

describe("PATCH and DELETE /api/annotations/{id}", () => {
  it("the author changes the text and dates; the answer says when", async () => {
    const note = await write(users().alice, { scope: { teamId: "pay" }, startDate: "2026-05-02", text: "freez" });
    const res = await api.update(note.id, { user: users().alice, body: { text: "freeze", endDate: "2026-05-09" } });
    expect(res.status).toBe(200);
    const out = await json<Note>(res);
    expect(out).toMatchObject({ id: note.id, text: "freeze", startDate: "2026-05-02", endDate: "2026-05-09" });
    expect(out.updatedAt).not.toBeNull();
    const cleared = await json<Note>(await api.update(note.id, { user: users().alice, body: { endDate: null } }));
    expect(cleared.endDate).toBeNull();
  });

  it("a change that would put the end before the start → 400, the note unchanged", async () => {
    const note = await write(users().alice, {
      scope: { teamId: "pay" },
      startDate: "2026-05-02",
      endDate: "2026-05-04",
      text: "range",
    });
    const res = await api.update(note.id, { user: users().alice, body: { startDate: "2026-05-10" } });
    expect(res.status).toBe(400);
    const again = (await listed(users().alice, { teamId: "pay" })).items.find((n) => n.id === note.id);
    expect(again).toMatchObject({ startDate: "2026-05-02", endDate: "2026-05-04" });
  });

  it.each([
    ["an empty patch", {}],
    ["a scope change", { scope: { teamId: "pay-api" } }],
    ["an empty text", { text: "" }],
  ])("%s → 400", async (_name, body) => {
    const note = await write(users().alice, { scope: { teamId: "pay" }, startDate: "2026-05-03", text: "x" });
    expect((await api.update(note.id, { user: users().alice, body })).status).toBe(400);
  });

  it("another user who may see the note → 403 on change and delete; an admin may do both", async () => {
    const note = await write(users().admin, { scope: { teamId: "pay" }, startDate: "2026-05-04", text: "admin's" });
    const alices = await api.update(note.id, { user: users().alice, body: { text: "hijacked" } });
    expect(alices.status).toBe(403);
    expect(await json(alices)).toMatchObject({ code: "PERMISSION_DENIED" });
    expect((await api.remove(note.id, { user: users().alice })).status).toBe(403);
    const byAlice = await write(users().alice, { scope: { teamId: "pay" }, startDate: "2026-05-05", text: "alice's" });
    expect((await api.update(byAlice.id, { user: users().admin, body: { text: "tidied" } })).status).toBe(200);
    expect((await api.remove(byAlice.id, { user: users().admin })).status).toBe(204);
    const left = (await listed(users().alice, { teamId: "pay" })).items.map((n) => n.id);
    expect(left).toContain(note.id);
    expect(left).not.toContain(byAlice.id);
    const denied = env().logs.filter((l) => l.includes('"not_author"') && l.includes("alice@example.com"));
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });

  it("a user who may not see the note's scope → 404, as for an unknown id", async () => {
    const note = await write(users().alice, { scope: { teamId: "pay" }, startDate: "2026-05-06", text: "private" });
    for (const id of [note.id, 999_999, "abc", "1; DROP TABLE annotations"]) {
      const res = await api.update(id, { user: users().bob, body: { text: "x" } });
      expect({ id, status: res.status }).toEqual({ id, status: 404 });
      expect((await api.remove(id, { user: users().bob })).status).toBe(404);
    }
    expect((await listed(users().alice, { teamId: "pay" })).items.map((n) => n.id)).toContain(note.id);
  });

  it("the author deletes a note; it is gone from every view, and a second delete → 404", async () => {
    const note = await write(users().alice, { scope: { teamId: "pay-api" }, startDate: "2026-05-07", text: "gone" });
    const res = await api.remove(note.id, { user: users().alice });
    expect(res.status).toBe(204);
    for (const [user, query] of [
      [users().alice, { teamId: "pay" }],
      [users().admin, { orgTreeName: "Eng" }],
    ] as const)
      expect((await listed(user, query)).items.map((n) => n.id)).not.toContain(note.id);
    expect((await api.remove(note.id, { user: users().alice })).status).toBe(404);
  });

  it("a cross-site DELETE → 403, the note kept", async () => {
    const note = await write(users().alice, { scope: { teamId: "pay" }, startDate: "2026-05-08", text: "kept" });
    const res = await api.remove(note.id, { user: users().alice, headers: { "sec-fetch-site": "cross-site" } });
    expect(res.status).toBe(403);
    expect((await listed(users().alice, { teamId: "pay" })).items.map((n) => n.id)).toContain(note.id);
  });
});

describe("writes per user", () => {
  it("past 30 a minute → 429 with Retry-After", async () => {
    const body = { scope: { teamId: "sre" }, startDate: "2026-06-01", text: "burst" };
    let last: Response | undefined;
    for (let i = 0; i < 31; i++) last = await api.create({ user: users().bob, body });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
