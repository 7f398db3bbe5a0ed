// POST /v2/sources/cdevents/webhook with the CDEvents specification's own examples
// (tests/fixtures/sources/cdevents/), as CloudEvents over HTTP in binary and structured mode, with a
// bearer token: what is answered, what is kept, and the records the mapping makes of them.
import { beforeAll, describe, expect, it } from "vitest";
import { ingestOk, json, setupEngine, type ErrorBody } from "../engine-api/helpers";
import { CDEVENTS_TOKEN, deliverCloudEvent, fixture, setTokens } from "./gitlab-helpers";
import { events, putMapping, records, type Payload } from "./helpers";

const runtime = setupEngine();
const MAPPING = `
teams:
  - cdeventsSource: /event/source/**
    team: web
  - cdeventsSource: /monitoring/*
    team: web
production: [production, prod1]
`;

beforeAll(async () => {
  await ingestOk("teams", [{ id: "web", name: "Web", orgTree: "Engineering" }]);
  await setTokens(await runtime());
  expect((await putMapping(MAPPING)).status).toBe(200);
});

const idle = async () => (await runtime()).sources.mapper.idle();

/** A fixture with its own context id (and, when given, time, type version and subject). */
function cdevent(
  name: string,
  change: { id?: string; timestamp?: string; version?: string; subject?: string; source?: string } = {},
): Payload {
  const e = fixture(`cdevents/${name}`);
  if (change.id) e.context.id = change.id;
  if (change.timestamp) e.context.timestamp = change.timestamp;
  if (change.version) e.context.type = e.context.type.replace(/\d+\.\d+\.\d+$/, change.version);
  if (change.subject) e.subject.id = change.subject;
  if (change.source) e.context.source = change.source;
  return e;
}

describe("POST /v2/sources/cdevents/webhook – what is answered and stored", () => {
  it("a wrong or missing bearer token → 401 and nothing stored", async () => {
    const before = (await events(await runtime())).length;
    const body = cdevent("service-deployed");
    const wrong = await deliverCloudEvent({ cdevent: body, mode: "binary", authorization: "Bearer not-the-token" });
    expect(wrong.status).toBe(401);
    expect((await json<ErrorBody>(wrong)).code).toBe("UNAUTHENTICATED");
    expect((await deliverCloudEvent({ cdevent: body, mode: "structured", authorization: null })).status).toBe(401);
    // The token given as another scheme.
    expect(
      (await deliverCloudEvent({ cdevent: body, mode: "binary", authorization: `Basic ${CDEVENTS_TOKEN}` })).status,
    ).toBe(401);
    expect((await deliverCloudEvent({ cdevent: body, mode: "binary", project: "other" })).status).toBe(401);
    expect((await events(await runtime())).length).toBe(before);
  });

  it("binary mode → 202, its CloudEvent id and source the delivery id; the same event in structured mode → 200", async () => {
    const body = cdevent("service-deployed", { id: "dep-1" });
    const first = await deliverCloudEvent({ cdevent: body, mode: "binary" });
    expect(first.status).toBe(202);
    expect(await json(first)).toEqual({ received: true, duplicate: false, deliveryId: "dep-1@/event/source/123" });
    const again = await deliverCloudEvent({ cdevent: body, mode: "structured" });
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ duplicate: true });
    await idle();
    expect((await events(await runtime())).find((e) => e.delivery_id === "dep-1@/event/source/123")).toMatchObject({
      source: "cdevents",
      event_type: "dev.cdevents.service.deployed.0.3.0",
      body: JSON.stringify(body),
      status: "mapped",
    });
  });

  it("a body that is no CloudEvent (no ce-* headers, not structured) → 400, nothing stored", async () => {
    const before = (await events(await runtime())).length;
    const { NextRequest } = await import("next/server");
    const route = await import("@/app/v2/sources/[source]/webhook/route");
    const req = new NextRequest(
      "http://localhost:3000/v2/sources/cdevents/webhook?orgIdentifier=acme&projectIdentifier=web",
      {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${CDEVENTS_TOKEN}` },
        body: JSON.stringify(cdevent("service-deployed")),
      },
    );
    const res = await route.POST(req, { params: Promise.resolve({ source: "cdevents" }) });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ code: "INVALID_ARGUMENT", details: [{ field: "body" }] });
    expect((await events(await runtime())).length).toBe(before);
  });
});

describe("CDEvents become the engine's records", () => {
  it("service.deployed (binary and structured): a deployment per event, its environment from the subject", async () => {
    const prod = cdevent("service-deployed", { id: "dep-2", timestamp: "2026-01-05T10:00:00Z" });
    prod.subject.content.environment.id = "prod1";
    const staging = cdevent("service-deployed", { id: "dep-3", timestamp: "2026-01-05T11:00:00Z", version: "0.4.1" });
    expect((await deliverCloudEvent({ cdevent: prod, mode: "structured" })).status).toBe(202);
    expect((await deliverCloudEvent({ cdevent: staging, mode: "binary" })).status).toBe(202);
    await idle();
    const r = await records(await runtime());
    expect(r.deployments).toContainEqual(
      expect.objectContaining({
        id: "cdevents:/event/source/123/mySubject123@dep-2",
        team_id: "web",
        environment: "production",
        status: "success",
        finished_at: Date.parse("2026-01-05T10:00:00Z"),
        service: "mySubject123",
      }),
    );
    expect(r.deployments).toContainEqual(
      expect.objectContaining({ id: "cdevents:/event/source/123/mySubject123@dep-3", environment: "test123" }),
    );
  });

  it("pipelinerun.finished: a build with its outcome", async () => {
    const run = cdevent("pipelinerun-finished", { id: "run-1" });
    expect((await deliverCloudEvent({ cdevent: run, mode: "binary" })).status).toBe(202);
    await idle();
    expect((await records(await runtime())).builds).toContainEqual(
      expect.objectContaining({
        id: "cdevents:/event/source/123/mySubject123",
        repository: "myPipeline",
        status: "failure",
        finished_at: Date.parse("2023-03-20T14:27:05.315Z"),
      }),
    );
  });

  it("change.merged: a pull request merged at its time, opened when its change.created came (either order)", async () => {
    const merged = cdevent("change-merged", { id: "chg-2", subject: "change-9", timestamp: "2026-01-06T12:00:00Z" });
    expect((await deliverCloudEvent({ cdevent: merged, mode: "binary" })).status).toBe(202);
    await idle();
    const pr = async () =>
      (await records(await runtime())).pullRequests.find((p) => p.id === "cdevents:/event/source/123/change-9");
    expect(await pr()).toMatchObject({
      repository: "TestRepo/TestOrg",
      merged_at: Date.parse("2026-01-06T12:00:00Z"),
      opened_at: Date.parse("2026-01-06T12:00:00Z"),
    });
    const created = cdevent("change-created", { id: "chg-1", subject: "change-9", timestamp: "2026-01-05T09:00:00Z" });
    expect((await deliverCloudEvent({ cdevent: created, mode: "structured" })).status).toBe(202);
    await idle();
    expect(await pr()).toMatchObject({
      opened_at: Date.parse("2026-01-05T09:00:00Z"),
      first_commit_at: Date.parse("2026-01-05T09:00:00Z"),
      merged_at: Date.parse("2026-01-06T12:00:00Z"),
    });
  });

  it("incident.resolved before incident.detected: no record until the detection, then the same as in order", async () => {
    const detected = (id: string, subject: string, at: string) =>
      cdevent("incident-detected", { id, subject, timestamp: at });
    const resolved = (id: string, subject: string, at: string) =>
      cdevent("incident-resolved", { id, subject, timestamp: at });
    const incident = async (subject: string) =>
      (await records(await runtime())).incidents.find((i) => i.id === `cdevents:/monitoring/prod1/${subject}`);
    // In order.
    for (const e of [
      detected("i1-d", "inc-a", "2026-01-07T10:00:00Z"),
      resolved("i1-r", "inc-a", "2026-01-07T11:30:00Z"),
    ])
      expect((await deliverCloudEvent({ cdevent: e, mode: "binary" })).status).toBe(202);
    // Out of order.
    expect(
      (await deliverCloudEvent({ cdevent: resolved("i2-r", "inc-b", "2026-01-07T11:30:00Z"), mode: "binary" })).status,
    ).toBe(202);
    await idle();
    expect(await incident("inc-b")).toBeUndefined();
    expect(
      (await deliverCloudEvent({ cdevent: detected("i2-d", "inc-b", "2026-01-07T10:00:00Z"), mode: "binary" })).status,
    ).toBe(202);
    await idle();
    const { id: _a, ...a } = (await incident("inc-a"))!;
    const { id: _b, ...b } = (await incident("inc-b"))!;
    expect(a).toMatchObject({
      team_id: "web",
      opened_at: Date.parse("2026-01-07T10:00:00Z"),
      resolved_at: Date.parse("2026-01-07T11:30:00Z"),
      service: "myApp",
    });
    expect(b).toEqual(a);
    // Detected again after its resolution: open again until resolved again, from its first detection.
    expect(
      (await deliverCloudEvent({ cdevent: detected("i1-d2", "inc-a", "2026-01-07T12:00:00Z"), mode: "binary" })).status,
    ).toBe(202);
    await idle();
    expect(await incident("inc-a")).toMatchObject({ opened_at: Date.parse("2026-01-07T10:00:00Z"), resolved_at: null });
    expect(
      (await deliverCloudEvent({ cdevent: resolved("i1-r2", "inc-a", "2026-01-07T13:00:00Z"), mode: "binary" })).status,
    ).toBe(202);
    await idle();
    expect(await incident("inc-a")).toMatchObject({
      opened_at: Date.parse("2026-01-07T10:00:00Z"),
      resolved_at: Date.parse("2026-01-07T13:00:00Z"),
    });
  });

  it("an unmapped source, a CDEvent of version 1.x and an unused one are kept with their reasons", async () => {
    const before = await records(await runtime());
    const taskrun = cdevent("pipelinerun-finished", { id: "u-4" });
    taskrun.context.type = "dev.cdevents.taskrun.finished.0.2.0";
    const sends: Payload[] = [
      cdevent("service-deployed", { id: "u-1", source: "/jenkins/other" }),
      cdevent("service-deployed", { id: "u-2", version: "1.0.0" }),
      taskrun,
    ];
    for (const e of sends) expect((await deliverCloudEvent({ cdevent: e, mode: "binary" })).status).toBe(202);
    await idle();
    const log = await events(await runtime());
    const row = (id: string) => log.find((e) => e.delivery_id.startsWith(`${id}@`));
    expect(row("u-1")).toMatchObject({
      status: "unmapped",
      reason: "no team rule matches CDEvents source /jenkins/other",
    });
    expect(row("u-2")).toMatchObject({ status: "ignored", reason: "CDEvents version 1.x is not read (0.x is)" });
    expect(row("u-4")).toMatchObject({ status: "ignored", reason: "taskrun.finished is not used" });
    const after = await records(await runtime());
    expect(after.deployments).toEqual(before.deployments);
  });
});
