import "server-only";
import type { Described } from "../delivery";
import { verifyGithubSignature } from "../signature";

// Jira's webhooks (developer.atlassian.com/cloud/jira/platform/webhooks, "Secure admin webhooks"):
// with a secret set, `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>`, the WebSub form
// GitHub's header also has; the type is the body's `webhookEvent`; `X-Atlassian-Webhook-Identifier`
// names the delivery and stays the same across its retries.

const VALUE = /^[\x21-\x7e]{1,200}$/;
const DELIVERY = "x-atlassian-webhook-identifier";

function describeJira(headers: Headers, json: unknown): Described {
  const type = (json as { webhookEvent?: unknown } | null)?.webhookEvent;
  if (typeof type !== "string" || !VALUE.test(type))
    return {
      ok: false,
      field: "webhookEvent",
      message: "is required",
      summary: "The body's webhookEvent is required.",
    };
  const id = headers.get(DELIVERY);
  if (id !== null && !VALUE.test(id))
    return {
      ok: false,
      field: DELIVERY,
      message: "must be 1-200 printable characters",
      summary: `The header ${DELIVERY} is invalid.`,
    };
  return { ok: true, type, deliveryId: id };
}

export const JIRA_WEBHOOK = {
  deliveryHeader: DELIVERY,
  // No header names the event: describe reads it from the body.
  eventHeader: "webhookEvent",
  verify: (secret: string, body: Uint8Array, headers: Headers) =>
    verifyGithubSignature(secret, body, headers.get("x-hub-signature")),
  describe: describeJira,
};
