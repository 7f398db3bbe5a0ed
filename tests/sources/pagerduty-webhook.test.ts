// POST /v2/sources/pagerduty/webhook with PagerDuty's documented V3 payloads, signed as PagerDuty
// signs them: signatures (several, one wrong), duplicates, events in any order, a reopened
// incident, services no rule maps or the mapping leaves out.
import { beforeAll, describe, expect, it } from "vitest";
import { ingestOk, json, setupEngine, type ErrorBody } from "../engine-api/helpers";
import { events, putMapping, records } from "./helpers";
import { deliverPagerduty, fixture, pdEvent, pdSignature, setVendorSecrets } from "./vendors";

const runtime = setupEngine();
const MAPPING = `
teams:
  - pagerdutyService: API Service
    team: ops
  - pagerdutyService: PCHK*
    team: ops
incidents:
  excludeServices: ["Sandbox *"]
`;

beforeAll(async () => {
  await ingestOk("teams", [{ id: "ops", name: "Ops", orgTree: "Engineering" }]);
  await setVendorSecrets(await runtime());
  expect((await putMapping(MAPPING)).status).toBe(200);
});

const idle = async () => (await runtime()).sources.mapper.idle();
const incident = async (id: string) =>
  (await records(await runtime())).incidents.find((i) => i.id === `pagerduty:${id}`);

describe("POST /v2/sources/pagerduty/webhook – signatures and deliveries", () => {
  it("a wrong or missing X-PagerDuty-Signature → 401 and nothing stored", async () => {
    const before = (await events(await runtime())).length;
    const body = fixture("pagerduty/incident.triggered.json");
    const raw = JSON.stringify(body);
    const wrong = await deliverPagerduty({ body, signature: pdSignature(raw, "not-the-secret-at-all") });
    expect(wrong.status).toBe(401);
    expect((await json<ErrorBody>(wrong)).code).toBe("UNAUTHENTICATED");
    expect((await deliverPagerduty({ body, signature: null })).status).toBe(401);
    // Two signatures, both wrong; one right but over other bytes; a GitHub-style header.
    const bad = [`${pdSignature(raw, "old-secret-xxxxxxxxxx")},${pdSignature(raw, "other-secret-xxxxxxx")}`];
    bad.push(pdSignature(`${raw} `), `sha256=${pdSignature(raw).slice(3)}`);
    for (const signature of bad) expect((await deliverPagerduty({ body, signature })).status).toBe(401);
    expect((await events(await runtime())).length).toBe(before);
  });

  it("two signatures, one of them wrong (a secret being rotated) → 202; the same event again → 200", async () => {
    const body = fixture("pagerduty/incident.triggered.json");
    const raw = JSON.stringify(body);
    const signature = `${pdSignature(raw, "the-previous-secret-0000")},${pdSignature(raw)}`;
    const first = await deliverPagerduty({ body, signature });
    expect(first.status).toBe(202);
    expect(await json(first)).toEqual({ received: true, duplicate: false, deliveryId: body.event.id });
    // PagerDuty's retry: the same event id, even with the signatures in the other order.
    const again = await deliverPagerduty({
      body,
      signature: `${pdSignature(raw)}, ${pdSignature(raw, "old-00000000")}`,
    });
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ duplicate: true, deliveryId: body.event.id });
    await idle();
    const stored = (await events(await runtime())).filter((e) => e.delivery_id === body.event.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ source: "pagerduty", event_type: "incident.triggered", body: raw });
    expect(await incident("PGR0VU2")).toMatchObject({
      team_id: "ops",
      opened_at: Date.parse("2026-01-12T15:16:27Z"),
      resolved_at: null,
    });
  });

  it("a body without event.event_type → 400; other incident events → 202, stored and ignored", async () => {
    const res = await deliverPagerduty({ body: { event: { id: "x-1" } } });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ code: "INVALID_ARGUMENT", details: [{ field: "event.event_type" }] });
    const ack = fixture("pagerduty/incident.acknowledged.json");
    expect((await deliverPagerduty({ body: ack })).status).toBe(202);
    await idle();
    expect((await events(await runtime())).find((e) => e.delivery_id === ack.event.id)).toMatchObject({
      status: "ignored",
      reason: "event type incident.acknowledged is not used",
    });
  });
});

describe("PagerDuty incidents become the engine's incidents", () => {
  it("resolved, reopened, resolved again: open from the first opening to the last resolution", async () => {
    expect((await deliverPagerduty({ body: fixture("pagerduty/incident.resolved.json") })).status).toBe(202);
    await idle();
    expect(await incident("PGR0VU2")).toMatchObject({ resolved_at: Date.parse("2026-01-12T16:46:11.002Z") });
    expect((await deliverPagerduty({ body: fixture("pagerduty/incident.reopened.json") })).status).toBe(202);
    await idle();
    // Reopened: open again, still opened at its first opening.
    expect(await incident("PGR0VU2")).toMatchObject({
      opened_at: Date.parse("2026-01-12T15:16:27Z"),
      resolved_at: null,
    });
    expect((await deliverPagerduty({ body: fixture("pagerduty/incident.resolved-again.json") })).status).toBe(202);
    await idle();
    expect(await incident("PGR0VU2")).toMatchObject({
      opened_at: Date.parse("2026-01-12T15:16:27Z"),
      resolved_at: Date.parse("2026-01-12T19:31:05.540Z"),
    });
  });

  it("events in any order (resolved before triggered, reopened last) give the records they give in order", async () => {
    const story = ["incident.triggered", "incident.resolved", "incident.reopened", "incident.resolved-again"];
    for (const name of story) expect((await deliverPagerduty({ body: pdEvent(name, "PINORDER") })).status).toBe(202);
    for (const name of [...story].reverse())
      expect((await deliverPagerduty({ body: pdEvent(name, "PSHUFFLE") })).status).toBe(202);
    // A resolution before its trigger, and the reopening never seen: resolved.
    for (const name of ["incident.resolved", "incident.triggered"])
      expect((await deliverPagerduty({ body: pdEvent(name, "PBACKWARDS") })).status).toBe(202);
    await idle();
    const { id: _a, ...inOrder } = (await incident("PINORDER"))!;
    const { id: _b, ...shuffled } = (await incident("PSHUFFLE"))!;
    expect(shuffled).toEqual(inOrder);
    expect(inOrder).toMatchObject({ resolved_at: Date.parse("2026-01-12T19:31:05.540Z") });
    expect(await incident("PBACKWARDS")).toMatchObject({
      opened_at: Date.parse("2026-01-12T15:16:27Z"),
      resolved_at: Date.parse("2026-01-12T16:46:11.002Z"),
    });
  });

  it("a service matched by its id; one no rule maps is kept as unmapped; one left out is ignored", async () => {
    const byId = pdEvent("incident.triggered", "PBYID", undefined, { id: "PCHKOUT", summary: "Checkout" });
    const unmapped = pdEvent("incident.triggered", "PNOTEAM", undefined, { id: "PZZZZZZ", summary: "Billing" });
    const left = pdEvent("incident.triggered", "PSANDBOX", undefined, { id: "PSBX001", summary: "Sandbox API" });
    for (const body of [byId, unmapped, left]) expect((await deliverPagerduty({ body })).status).toBe(202);
    await idle();
    expect(await incident("PBYID")).toMatchObject({ team_id: "ops" });
    const log = await events(await runtime());
    expect(log.find((e) => e.delivery_id === unmapped.event.id)).toMatchObject({
      status: "unmapped",
      reason: 'no team rule matches PagerDuty service "Billing" (PZZZZZZ)',
    });
    expect(log.find((e) => e.delivery_id === left.event.id)).toMatchObject({
      status: "ignored",
      reason: 'PagerDuty service "Sandbox API" (PSBX001) is left out by the mapping',
    });
    expect(await incident("PNOTEAM")).toBeUndefined();
    expect(await incident("PSANDBOX")).toBeUndefined();
  });
});
