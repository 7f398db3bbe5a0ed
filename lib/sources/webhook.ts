import "server-only";
import crypto from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { ApiError, invalid, log, notFound, readBodyBytes } from "@/lib/server";
import type { Scope } from "./scope";
import { describeCloudEvent, verifyBearer } from "./cdevents/cloudevent";
import type { Described } from "./delivery";
import { JIRA_WEBHOOK } from "./jira/webhook";
import { PAGERDUTY_WEBHOOK } from "./pagerduty/webhook";
import { getSecret } from "./secrets";
import type { Sources } from "./service";
import { verifyGithubSignature } from "./signature";
import { sameToken } from "./token";

/** The largest delivery taken (spec: Receiving); GitHub's own are far smaller. */
export const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

interface WebhookSource {
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

/**
 * A delivery's answer is a few bytes that no sender reads twice: `no-transform` keeps the server's
 * compression off it (a gzip stream set up per answer was a tenth of a delivery's cost in a burst).
 */
const ANSWER = { "cache-control": "no-store, no-transform" };

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });
const HEADER_VALUE = /^[\x21-\x7e]{1,200}$/;
/** An event type: printable, inner spaces allowed (GitLab's `Merge Request Hook`). */
const TYPE_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]{0,198}[\x21-\x7e])?$/;

/**
 * POST /v2/sources/{source}/webhook: the body read (413 past 5 MB), its signature checked in
 * constant time (401, nothing stored), its JSON checked (400), then the delivery written to the
 * event log and answered: 202 for a new one, mapped after the answer; 200 for one seen before.
 */
export async function receiveWebhook(
  sources: Sources,
  scope: Scope,
  sourceName: string,
  req: NextRequest,
): Promise<Response> {
  const source = WEBHOOK_SOURCES[sourceName];
  if (!source)
    throw notFound(
      `No webhook for "${sourceName.slice(0, 40)}"; this version takes ${Object.keys(WEBHOOK_SOURCES).join(", ")}.`,
    );
  const body = await readBodyBytes(req, MAX_WEBHOOK_BYTES);
  const secret = await getSecret(sources.db, sources.key, scope, sourceName);
  if (secret === null || !source.verify(secret, body, req.headers)) {
    log.warn("sources.webhook_refused", {
      source: sourceName,
      org: scope.org,
      project: scope.project,
      secretSet: secret !== null,
    });
    throw new ApiError(
      "UNAUTHENTICATED",
      "The delivery's signature is missing or does not match the secret set for this source.",
    );
  }
  let text: string;
  let json: unknown;
  try {
    text = STRICT_UTF8.decode(body);
    json = JSON.parse(text);
  } catch {
    throw invalid("The body is not valid JSON.", [{ field: "body", message: "is not valid JSON" }]);
  }
  const described = source.describe ? source.describe(req.headers, json) : fromHeaders(source, req.headers);
  if (!described.ok) throw invalid(described.summary, [{ field: described.field, message: described.message }]);
  const { type, deliveryId: given } = described;
  // Without a delivery id, the body's own digest stands in: the same body twice is one delivery.
  const deliveryId = given ?? `sha256:${crypto.createHash("sha256").update(body).digest("hex")}`;
  const id = await sources.mapper.append({
    scope,
    source: sourceName,
    deliveryId,
    type,
    receivedAt: Date.now(),
    body: text,
    signature: "verified",
  });
  const duplicate = id === null;
  return NextResponse.json(
    { received: true, duplicate, deliveryId },
    { status: duplicate ? 200 : 202, headers: ANSWER },
  );
}

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
