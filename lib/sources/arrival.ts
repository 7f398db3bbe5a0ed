import "server-only";
import crypto from "node:crypto";
import type { Store } from "@/lib/store";
import { describeCloudEvent, verifyBearer } from "./cdevents/cloudevent";
import type { Described } from "./delivery";
import { appendEach, appendEvent, type NewEvent } from "./events";
import { JIRA_WEBHOOK } from "./jira/webhook";
import { PAGERDUTY_WEBHOOK } from "./pagerduty/webhook";
import type { Scope } from "./scope";
import { verifyGithubSignature } from "./signature";
import { sameToken } from "./token";

// A webhook delivery in two halves. The request thread reads the body and checks its signature
// (webhook.ts); everything else is done here, where the log is written (the sources' thread in the
// server): the body decoded and parsed, the delivery named, and appended. The request thread then
// neither parses nor copies a body, which is most of what a burst of large deliveries costs it.

export interface WebhookSource {
  deliveryHeader: string;
  eventHeader: string;
  verify: (secret: string, body: Uint8Array, headers: Headers) => boolean;
  /**
   * For a source whose type and delivery id are not two plain headers (a CloudEvent: headers in
   * binary mode, the body in structured mode): names them from both. The headers are used otherwise.
   */
  describe?: (headers: Headers, json: unknown) => Described;
}

export const WEBHOOK_SOURCES: Record<string, WebhookSource> = {
  github: {
    deliveryHeader: "x-github-delivery",
    eventHeader: "x-github-event",
    verify: (secret, body, headers) => verifyGithubSignature(secret, body, headers.get("x-hub-signature-256")),
  },
  gitlab: {
    deliveryHeader: "x-gitlab-event-uuid",
    eventHeader: "x-gitlab-event",
    verify: (secret, _body, headers) => sameToken(secret, headers.get("x-gitlab-token")),
  },
  cdevents: {
    deliveryHeader: "ce-id",
    eventHeader: "ce-type",
    verify: (secret, _body, headers) => verifyBearer(secret, headers.get("authorization")),
    describe: describeCloudEvent,
  },
  pagerduty: PAGERDUTY_WEBHOOK,
  jira: JIRA_WEBHOOK,
};

/** A delivery whose signature matched: its raw body (transferred, not copied, to the thread). */
export interface Arrival {
  scope: Scope;
  source: string;
  headers: Record<string, string>;
  body: Uint8Array;
  receivedAt: number;
}

/** A delivery taken (`id` null when its delivery id was in the log already), or why it is refused. */
export type Admission =
  { ok: true; id: number | null; deliveryId: string } | { ok: false; field: string; message: string; summary: string };

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });
const HEADER_VALUE = /^[\x21-\x7e]{1,200}$/;
/** An event type: printable, inner spaces allowed (GitLab's `Merge Request Hook`). */
const TYPE_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]{0,198}[\x21-\x7e])?$/;

type Refusal = Extract<Admission, { ok: false }>;

/**
 * Admits deliveries that arrived together: each one's JSON checked (400 otherwise) and the delivery
 * named on its own, the good ones appended to the event log in one transaction. Should that fail,
 * each is appended alone, so one delivery's failure (its answer a 500, sent again by its source) is
 * not its neighbours'. One result per arrival, in order.
 */
export async function admitAll(db: Store, arrivals: readonly Arrival[]): Promise<(Admission | Error)[]> {
  const named = arrivals.map(nameDelivery);
  const events = named.filter((n): n is NewEvent => !("ok" in n));
  let ids: (number | null | Error)[];
  try {
    ids = await appendEach(db, events);
  } catch {
    ids = await Promise.all(events.map((event) => appendEvent(db, event).catch((err: unknown) => toError(err))));
  }
  let next = 0;
  return named.map((n) => {
    if ("ok" in n) return n;
    const id = ids[next++]!;
    return id instanceof Error ? id : { ok: true, id, deliveryId: n.deliveryId };
  });
}

/** A delivery's event for the log, or why it is refused (400). */
function nameDelivery(arrival: Arrival): NewEvent | Refusal {
  const source = WEBHOOK_SOURCES[arrival.source];
  if (!source)
    return { ok: false, field: "source", message: "has no webhook", summary: `No webhook for ${arrival.source}.` };
  let text: string;
  let json: unknown;
  try {
    text = STRICT_UTF8.decode(arrival.body);
    json = JSON.parse(text);
  } catch {
    return { ok: false, field: "body", message: "is not valid JSON", summary: "The body is not valid JSON." };
  }
  const headers = new Headers(arrival.headers);
  const described = source.describe ? source.describe(headers, json) : fromHeaders(source, headers);
  if (!described.ok) return described;
  // Without a delivery id, the body's own digest stands in: the same body twice is one delivery.
  const deliveryId = described.deliveryId ?? `sha256:${crypto.createHash("sha256").update(arrival.body).digest("hex")}`;
  return {
    scope: arrival.scope,
    source: arrival.source,
    deliveryId,
    type: described.type,
    receivedAt: arrival.receivedAt,
    body: text,
    signature: "verified",
  };
}

/** What was thrown, as an Error (a delivery's failure is answered with its message). */
export const toError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

/** The event type and delivery id from the source's two headers (GitHub, GitLab). */
function fromHeaders(source: WebhookSource, headers: Headers): Described {
  const type = headers.get(source.eventHeader);
  if (!type || !TYPE_VALUE.test(type))
    return {
      ok: false,
      field: source.eventHeader,
      message: "is required",
      summary: `The header ${source.eventHeader} is required.`,
    };
  const given = headers.get(source.deliveryHeader);
  if (given !== null && !HEADER_VALUE.test(given))
    return {
      ok: false,
      field: source.deliveryHeader,
      message: "must be 1-200 printable characters",
      summary: `The header ${source.deliveryHeader} is invalid.`,
    };
  return { ok: true, type, deliveryId: given };
}
