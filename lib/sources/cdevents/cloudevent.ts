import "server-only";
import crypto from "node:crypto";
import { HTTP, type CloudEventV1 } from "cloudevents";
import type { Described } from "../delivery";
import { sameToken } from "../token";

// CloudEvents over HTTP (the `cloudevents` package reads both modes): in binary mode the context
// (type, id, source…) is in `ce-*` headers and the body is the CDEvent; in structured mode
// (`content-type: application/cloudevents+json`) the body is the whole CloudEvent, the CDEvent in
// its `data`. Either way the body as sent is what the event log keeps, and the CDEvent's own context
// repeats the CloudEvent's (the CDEvents binding requires it), so nothing is lost with the headers.

const PRINTABLE = /^[\x21-\x7e]{1,200}$/;

/** `Authorization: Bearer <secret>` (the scheme in any case), compared in constant time. */
export function verifyBearer(secret: string, header: string | null): boolean {
  const m = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  return sameToken(secret, m ? m[1]! : null);
}

/** The CloudEvent's type, and its id with its source as the delivery id (ids are unique per source). */
export function describeCloudEvent(headers: Headers, json: unknown): Described {
  let event: CloudEventV1<unknown>;
  try {
    const parsed = HTTP.toEvent({ headers: Object.fromEntries(headers.entries()), body: json as object });
    if (Array.isArray(parsed))
      return refuse("body", "must hold one CloudEvent, not a batch", "Send one CloudEvent per request.");
    event = parsed;
  } catch (err) {
    const why = err instanceof Error ? err.message.split("\n")[0]!.slice(0, 200) : "is not a CloudEvent";
    return refuse(
      "body",
      `is not a CloudEvent: ${why}`,
      "The request is not a CloudEvent in binary (ce-* headers) or structured mode.",
    );
  }
  if (!PRINTABLE.test(event.type)) return refuse("type", "must be 1-200 printable characters", "The type is invalid.");
  const delivery = `${event.id}@${event.source}`;
  const deliveryId = PRINTABLE.test(delivery)
    ? delivery
    : `sha256:${crypto.createHash("sha256").update(delivery).digest("hex")}`;
  return { ok: true, type: event.type, deliveryId };
}

const refuse = (field: string, message: string, summary: string): Described => ({
  ok: false,
  field,
  message,
  summary,
});
