// Request-level helpers for the PagerDuty and Jira webhooks: their documented example payloads
// (tests/fixtures/sources/{pagerduty,jira}), signed as each vendor signs them, sent to the webhook
// route as Next.js would hand them over.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { NextRequest } from "next/server";
import * as webhookRoute from "@/app/v2/sources/[source]/webhook/route";
import type { Runtime } from "@/lib/runtime";
import { setSecret } from "@/lib/sources";
import { ORG, PROJECT } from "../engine-api/helpers";
import type { Payload } from "./helpers";

export const PD_SECRET = "a-pagerduty-secret-for-tests-0123456789";
export const JIRA_SECRET = "a-jira-secret-for-tests-0123456789abcd";

const FIXTURES = fileURLToPath(new URL("../fixtures/sources/", import.meta.url));

/** A deep copy of a fixture: `pagerduty/incident.triggered.json`. */
export const fixture = (name: string): Payload =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8")) as Payload;

const hmac = (secret: string, body: string | Uint8Array) =>
  crypto.createHmac("sha256", secret).update(body).digest("hex");
export const pdSignature = (body: string, secret = PD_SECRET) => `v1=${hmac(secret, body)}`;
export const jiraSignature = (body: string, secret = JIRA_SECRET) => `sha256=${hmac(secret, body)}`;

export interface VendorDelivery {
  body: unknown;
  raw?: string;
  /** The whole signature header; null sends none; the right one by default. */
  signature?: string | null;
  headers?: Record<string, string>;
  project?: string;
}

function send(source: string, d: VendorDelivery, header: string, sign: (raw: string) => string) {
  const raw = d.raw ?? JSON.stringify(d.body);
  const url = new URL(`http://localhost:3000/v2/sources/${source}/webhook`);
  url.searchParams.set("orgIdentifier", ORG);
  url.searchParams.set("projectIdentifier", d.project ?? PROJECT);
  const headers = new Headers({ "content-type": "application/json", ...d.headers });
  const signature = d.signature === undefined ? sign(raw) : d.signature;
  if (signature !== null) headers.set(header, signature);
  return webhookRoute.POST(new NextRequest(url, { method: "POST", headers, body: raw }), {
    params: Promise.resolve({ source }),
  });
}

export const deliverPagerduty = (d: VendorDelivery) =>
  send("pagerduty", d, "x-pagerduty-signature", (raw) => pdSignature(raw));

let jiraDeliveries = 0;
/** A Jira delivery, with a new X-Atlassian-Webhook-Identifier unless `delivery` says otherwise (null: none). */
export const deliverJira = (d: VendorDelivery & { delivery?: string | null }) =>
  send(
    "jira",
    {
      ...d,
      headers: {
        ...(d.delivery === null ? {} : { "x-atlassian-webhook-identifier": d.delivery ?? `jira-${++jiraDeliveries}` }),
        ...d.headers,
      },
    },
    "x-hub-signature",
    (raw) => jiraSignature(raw),
  );

export async function setVendorSecrets(runtime: Runtime, project = PROJECT): Promise<void> {
  await setSecret(runtime.db, runtime.sources.key, { org: ORG, project }, "pagerduty", PD_SECRET);
  await setSecret(runtime.db, runtime.sources.key, { org: ORG, project }, "jira", JIRA_SECRET);
}

/** A PagerDuty event of the fixtures for another incident (and event id), at another instant. */
export function pdEvent(
  name: string,
  incident: string,
  occurredAt?: string,
  service?: { id: string; summary: string },
) {
  const body = fixture(`pagerduty/${name}.json`);
  body.event.id = `${body.event.id}-${incident}`;
  body.event.data.id = incident;
  body.event.data.self = `https://api.pagerduty.com/incidents/${incident}`;
  if (occurredAt) body.event.occurred_at = occurredAt;
  if (service) Object.assign(body.event.data.service, service);
  return body;
}

/** A Jira event of the fixtures for another issue (id and key). */
export function jiraEvent(name: string, id: string, key: string, project = key.split("-")[0]!) {
  const body = fixture(`jira/${name}.json`);
  body.issue.id = id;
  body.issue.key = key;
  body.issue.fields.project.key = project;
  return body;
}
