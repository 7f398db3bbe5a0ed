import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Fact, SourceEvent } from "../facts";
import { foldEntity } from "../fold";
import { mappingSchema } from "../mapping/schema";
import { extractPagerduty } from "./extract";
import { verifyPagerdutySignature } from "./webhook";

const mapping = mappingSchema.parse({
  teams: [
    { pagerdutyService: "API Service", team: "ops" },
    { pagerdutyService: "PCHK*", team: "shop" },
  ],
  incidents: { excludeServices: ["Sandbox*"] },
});

const event = (
  type: string,
  at: string,
  status = "triggered",
  service = { id: "PF9KMXH", summary: "API Service" },
) => ({
  type,
  receivedAt: 0,
  body: {
    event: {
      id: `${type}-${at}`,
      event_type: type,
      resource_type: "incident",
      occurred_at: at,
      data: { id: "PGR0VU2", type: "incident", status, created_at: "2026-01-12T15:16:27Z", service },
    },
  },
});

function fold(events: SourceEvent[]) {
  const facts: Fact[] = events.flatMap((e) => extractPagerduty(e, mapping).facts ?? []);
  return foldEntity(facts, []);
}

function permutations<T>(list: T[]): T[][] {
  if (list.length <= 1) return [list];
  return list.flatMap((x, i) => permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe("PagerDuty incidents", () => {
  const triggered = event("incident.triggered", "2026-01-12T15:16:27.651Z");
  const resolved = event("incident.resolved", "2026-01-12T16:46:11Z", "resolved");
  const reopened = event("incident.reopened", "2026-01-12T18:02:40Z");
  const again = event("incident.resolved", "2026-01-12T19:31:05Z", "resolved");

  it.each([
    ["triggered", [triggered], null],
    ["resolved", [triggered, resolved], "2026-01-12T16:46:11.000Z"],
    ["reopened", [triggered, resolved, reopened], null],
    ["resolved again", [triggered, resolved, reopened, again], "2026-01-12T19:31:05.000Z"],
  ])("%s: opened at the first opening, resolved at the last resolution, in any order", (_name, events, resolvedAt) => {
    for (const order of permutations(events))
      expect(fold(order)).toEqual([
        {
          kind: "incidents",
          item: { id: "pagerduty:PGR0VU2", teamId: "ops", openedAt: "2026-01-12T15:16:27.000Z", resolvedAt },
        },
      ]);
  });

  it("the importer's snapshot agrees with the webhooks: resolved at resolved_at, reopened since its last change", () => {
    const snapshot = (status: string, last: string, resolvedAt: string | null) => ({
      type: "incident.imported",
      receivedAt: 0,
      body: {
        incident: {
          id: "PGR0VU2",
          status,
          created_at: "2026-01-12T15:16:27Z",
          last_status_change_at: last,
          resolved_at: resolvedAt,
          service: { id: "PF9KMXH", summary: "API Service" },
        },
      },
    });
    const done = snapshot("resolved", "2026-01-12T16:46:11Z", "2026-01-12T16:46:11Z");
    expect(fold([done])).toEqual(fold([triggered, resolved]));
    const open = snapshot("acknowledged", "2026-01-12T18:02:40Z", null);
    expect(fold([triggered, resolved, open])).toEqual(fold([triggered, resolved, reopened]));
  });

  it("services: matched by name or id, unmapped, left out; other events ignored", () => {
    expect(
      extractPagerduty(
        event("incident.triggered", "2026-01-12T15:16:27Z", "triggered", { id: "PCHK001", summary: "Checkout" }),
        mapping,
      ),
    ).toMatchObject({
      status: "mapped",
      facts: [{ data: { team: "shop" } }],
    });
    expect(
      extractPagerduty(
        event("incident.triggered", "2026-01-12T15:16:27Z", "triggered", { id: "PX", summary: "Billing" }),
        mapping,
      ),
    ).toEqual({
      status: "unmapped",
      reason: 'no team rule matches PagerDuty service "Billing" (PX)',
    });
    expect(
      extractPagerduty(
        event("incident.triggered", "2026-01-12T15:16:27Z", "triggered", { id: "PSBX", summary: "Sandbox" }),
        mapping,
      ),
    ).toMatchObject({
      status: "ignored",
    });
    expect(extractPagerduty(event("incident.acknowledged", "2026-01-12T15:20:00Z"), mapping)).toMatchObject({
      status: "ignored",
    });
    expect(extractPagerduty({ type: "pagey.ping", receivedAt: 0, body: {} }, mapping)).toEqual({
      status: "ignored",
      reason: "ping: PagerDuty says the webhook is connected",
    });
    const broken = event("incident.triggered", "2026-01-12T15:16:27Z");
    broken.body.event.data.created_at = "yesterday";
    expect(extractPagerduty(broken, mapping)).toEqual({
      status: "failed",
      reason: "event.data.created_at: must be an ISO-8601 instant",
    });
  });
});

describe("verifyPagerdutySignature", () => {
  const secret = "a-pagerduty-secret-0123456789";
  const body = Buffer.from('{"event":{"id":"1"}}');
  const sign = (s: string, b: Uint8Array = body) => `v1=${crypto.createHmac("sha256", s).update(b).digest("hex")}`;
  it.each([
    ["one right signature", sign(secret), true],
    ["the right one after a wrong one", `${sign("old-secret-000000000")},${sign(secret)}`, true],
    ["the right one first, with spaces", ` ${sign(secret)} , ${sign("new-secret-0000000000")}`, true],
    ["two wrong ones", `${sign("a-secret-00000000000")},${sign("b-secret-000000000000")}`, false],
    ["over other bytes", sign(secret, Buffer.from("{}")), false],
    ["another version", `v0=${sign(secret).slice(3)}`, false],
    ["empty", "", false],
    ["absent", null, false],
  ])("%s → %s", (_name, header, ok) => {
    expect(verifyPagerdutySignature(secret, body, header)).toBe(ok);
  });
});
