import "server-only";
import crypto from "node:crypto";
import type { Described } from "../delivery";

// PagerDuty's V3 webhooks (developer.pagerduty.com, Webhooks: Overview and Verifying Signatures): the
// type and id of the event are in the body (`event.event_type`, `event.id`); `X-PagerDuty-Signature`
// holds one or more `v1=<hex HMAC-SHA256 of the raw body>`, comma-separated, several during a
// secret's rotation. One that matches is enough.

/** Signatures looked at in one header: PagerDuty sends one, two while a secret is rotated. */
const MAX_SIGNATURES = 8;

export function verifyPagerdutySignature(secret: string, body: Uint8Array, header: string | null): boolean {
  const expected = Buffer.from(`v1=${crypto.createHmac("sha256", secret).update(body).digest("hex")}`);
  let ok = false;
  // Every signature is compared, matched or not, so the answer takes as long whichever one matches.
  for (const part of (header ?? "").split(",").slice(0, MAX_SIGNATURES)) {
    const given = Buffer.from(part.trim());
    if (given.length !== expected.length) {
      crypto.timingSafeEqual(expected, expected);
      continue;
    }
    if (crypto.timingSafeEqual(given, expected)) ok = true;
  }
  return ok;
}

const VALUE = /^[\x21-\x7e]{1,200}$/;

/** The event's type and id, from its body (`event.event_type`, `event.id`); X-Webhook-Id when the id is absent. */
function describePagerduty(headers: Headers, json: unknown): Described {
  const event = (json as { event?: { event_type?: unknown; id?: unknown } } | null)?.event;
  const type = event?.event_type;
  if (typeof type !== "string" || !VALUE.test(type))
    return {
      ok: false,
      field: "event.event_type",
      message: "is required",
      summary: "The body's event.event_type is required.",
    };
  const id = typeof event?.id === "string" && VALUE.test(event.id) ? event.id : headers.get("x-webhook-id");
  if (id !== null && !VALUE.test(id))
    return {
      ok: false,
      field: "x-webhook-id",
      message: "must be 1-200 printable characters",
      summary: "The header x-webhook-id is invalid.",
    };
  return { ok: true, type, deliveryId: id };
}

export const PAGERDUTY_WEBHOOK = {
  deliveryHeader: "x-webhook-id",
  // No header names the event: describe reads it from the body.
  eventHeader: "event.event_type",
  verify: (secret: string, body: Uint8Array, headers: Headers) =>
    verifyPagerdutySignature(secret, body, headers.get("x-pagerduty-signature")),
  describe: describePagerduty,
};
