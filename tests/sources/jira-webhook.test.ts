// POST /v2/sources/jira/webhook with Jira's documented issue events, signed as Jira signs them:
// a work item created, started (its first move into an "In Progress" status), resolved; duplicates,
// events in any order, an older update arriving late, a project no rule maps, a deleted issue.
import { beforeAll, describe, expect, it } from "vitest";
import { ingestOk, json, setupEngine, type ErrorBody } from "../engine-api/helpers";
import { events, putMapping, records } from "./helpers";
import { deliverJira, fixture, jiraEvent, jiraSignature, setVendorSecrets } from "./vendors";

const runtime = setupEngine();
const MAPPING = "teams:\n  - jiraProject: PAY\n    team: pay\n  - jiraProject: OPS*\n    team: pay\n";
const STORY = ["issue_created", "issue_updated-summary", "issue_updated-started", "issue_updated-done"];

beforeAll(async () => {
  await ingestOk("teams", [{ id: "pay", name: "Payments", orgTree: "Engineering" }]);
  await setVendorSecrets(await runtime());
  expect((await putMapping(MAPPING)).status).toBe(200);
});

const idle = async () => (await runtime()).sources.mapper.idle();
const workItem = async (key: string) => (await records(await runtime())).workItems.find((w) => w.id === `jira:${key}`);

describe("POST /v2/sources/jira/webhook – signatures and deliveries", () => {
  it("a wrong or missing X-Hub-Signature → 401 and nothing stored", async () => {
    const before = (await events(await runtime())).length;
    const body = fixture("jira/issue_created.json");
    const raw = JSON.stringify(body);
    const wrong = await deliverJira({ body, signature: jiraSignature(raw, "not-the-secret-at-all") });
    expect(wrong.status).toBe(401);
    expect((await json<ErrorBody>(wrong)).code).toBe("UNAUTHENTICATED");
    expect((await deliverJira({ body, signature: null })).status).toBe(401);
    expect((await deliverJira({ body, signature: `v1=${jiraSignature(raw).slice(7)}` })).status).toBe(401);
    expect((await events(await runtime())).length).toBe(before);
  });

  it("X-Atlassian-Webhook-Identifier names the delivery; without it the body's digest does", async () => {
    const body = fixture("jira/issue_created.json");
    const first = await deliverJira({ body, delivery: "a1b2c3d4-0001" });
    expect(first.status).toBe(202);
    expect(await json(first)).toMatchObject({ duplicate: false, deliveryId: "a1b2c3d4-0001" });
    expect((await deliverJira({ body, delivery: "a1b2c3d4-0001" })).status).toBe(200);
    const unnamed = await deliverJira({ body: fixture("jira/issue_updated-summary.json"), delivery: null });
    expect(unnamed.status).toBe(202);
    const { deliveryId } = await json<{ deliveryId: string }>(unnamed);
    expect(deliveryId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await deliverJira({ body: fixture("jira/issue_updated-summary.json"), delivery: null })).status).toBe(200);
    await idle();
    expect((await events(await runtime())).find((e) => e.delivery_id === "a1b2c3d4-0001")).toMatchObject({
      source: "jira",
      event_type: "jira:issue_created",
      status: "mapped",
    });
  });

  it("a body without webhookEvent → 400; other events → 202, stored and ignored", async () => {
    const res = await deliverJira({ body: { timestamp: 1 } });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ details: [{ field: "webhookEvent" }] });
    const comment = { timestamp: 1767600000000, webhookEvent: "comment_created", comment: { id: "1" } };
    expect((await deliverJira({ body: comment, delivery: "comment-1" })).status).toBe(202);
    await idle();
    expect((await events(await runtime())).find((e) => e.delivery_id === "comment-1")).toMatchObject({
      status: "ignored",
      reason: "event type comment_created is not used",
    });
  });
});

describe("Jira issues become the engine's work items", () => {
  it("created, edited, started, done: createdAt, startedAt at the move into work, resolvedAt", async () => {
    expect(await workItem("PAY-7")).toMatchObject({
      team_id: "pay",
      key: "PAY-7",
      created_at: Date.parse("2026-01-05T08:00:00Z"),
      started_at: null,
      resolved_at: null,
    });
    for (const name of STORY.slice(2))
      expect((await deliverJira({ body: fixture(`jira/${name}.json`) })).status).toBe(202);
    await idle();
    expect(await workItem("PAY-7")).toMatchObject({
      created_at: Date.parse("2026-01-05T08:00:00Z"),
      started_at: Date.parse("2026-01-06T09:00:00Z"),
      resolved_at: Date.parse("2026-01-09T13:00:00Z"),
    });
  });

  it("the same story in reverse order, and an old update arriving last, give the same work item", async () => {
    for (const name of [...STORY].reverse())
      expect((await deliverJira({ body: jiraEvent(name, "20001", "PAY-8") })).status).toBe(202);
    expect((await deliverJira({ body: jiraEvent("issue_updated-summary", "20001", "PAY-8") })).status).toBe(202);
    await idle();
    const { id: _a, key: _k, ...reversed } = (await workItem("PAY-8"))!;
    const { id: _b, key: _l, ...inOrder } = (await workItem("PAY-7"))!;
    expect(reversed).toEqual(inOrder);
  });

  it("reopened (the resolution cleared) is unresolved again; moved to another project follows its new key", async () => {
    for (const name of STORY) expect((await deliverJira({ body: jiraEvent(name, "20002", "PAY-9") })).status).toBe(202);
    const reopened = jiraEvent("issue_updated-started", "20002", "PAY-9");
    reopened.issue.fields.updated = "2026-01-12T10:00:00.000+0100";
    expect((await deliverJira({ body: reopened })).status).toBe(202);
    await idle();
    expect(await workItem("PAY-9")).toMatchObject({
      started_at: Date.parse("2026-01-06T09:00:00Z"),
      resolved_at: null,
    });
    const moved = jiraEvent("issue_updated-summary", "20002", "OPSX-1");
    moved.issue.fields.updated = "2026-01-13T10:00:00.000+0100";
    expect((await deliverJira({ body: moved })).status).toBe(202);
    await idle();
    expect(await workItem("PAY-9")).toBeUndefined();
    expect(await workItem("OPSX-1")).toMatchObject({ team_id: "pay", started_at: Date.parse("2026-01-06T09:00:00Z") });
  });

  it("a project no rule maps is kept as unmapped; a deleted issue's work item is removed", async () => {
    const other = jiraEvent("issue_created", "30001", "WEB-1");
    expect((await deliverJira({ body: other, delivery: "unmapped-jira" })).status).toBe(202);
    const deleted = jiraEvent("issue_updated-summary", "20001", "PAY-8");
    deleted.webhookEvent = "jira:issue_deleted";
    delete deleted.changelog;
    expect((await deliverJira({ body: deleted })).status).toBe(202);
    await idle();
    expect((await events(await runtime())).find((e) => e.delivery_id === "unmapped-jira")).toMatchObject({
      status: "unmapped",
      reason: "no team rule matches Jira project WEB",
    });
    expect(await workItem("WEB-1")).toBeUndefined();
    expect(await workItem("PAY-8")).toBeUndefined();
  });
});
