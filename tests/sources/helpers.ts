// Request-level helpers for the sources: GitHub's own example payloads, signed as GitHub signs them,
// sent to the webhook route as Next.js would hand them over.
import crypto from "node:crypto";
import type { Kysely } from "kysely";
import { NextRequest } from "next/server";
import examples from "@octokit/webhooks-examples";
import * as webhookRoute from "@/app/v2/sources/[source]/webhook/route";
import * as mappingRoute from "@/app/v2/sources/mapping/route";
import type { Runtime } from "@/lib/runtime";
import { setSecret } from "@/lib/sources";
import { AUTH, ORG, PROJECT } from "../engine-api/helpers";

export const SECRET = "a-webhook-secret-for-tests-0123456789";

/** A deep copy of one of GitHub's example payloads (`@octokit/webhooks-examples`). */
// Tests edit the payloads freely (hand-made variants for out-of-order and bad cases).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Payload = Record<string, any>;

export function example(event: string, pick: (payload: Payload) => boolean = () => true): Payload {
  const entry = (examples as { name: string; examples: Payload[] }[]).find((e) => e.name === event);
  const payload = entry?.examples.find(pick);
  if (!payload) throw new Error(`no example of ${event}`);
  return structuredClone(payload);
}

export const sign = (body: string | Uint8Array, secret = SECRET) =>
  `sha256=${crypto.createHmac("sha256", secret).update(body).digest("hex")}`;

let deliveries = 0;

export interface Delivery {
  event: string;
  body: unknown;
  /** The raw body as sent; the JSON of `body` by default. */
  raw?: string | Uint8Array;
  delivery?: string | null;
  signature?: string | null;
  secret?: string;
  org?: string;
  project?: string;
  source?: string;
}

export function webhookRequest(d: Delivery): NextRequest {
  const raw = d.raw ?? JSON.stringify(d.body);
  const url = new URL(`http://localhost:3000/v2/sources/${d.source ?? "github"}/webhook`);
  url.searchParams.set("orgIdentifier", d.org ?? ORG);
  url.searchParams.set("projectIdentifier", d.project ?? PROJECT);
  const headers = new Headers({ "content-type": "application/json", "x-github-event": d.event });
  const delivery = d.delivery === undefined ? `delivery-${process.pid}-${++deliveries}` : d.delivery;
  if (delivery !== null) headers.set("x-github-delivery", delivery);
  const signature = d.signature === undefined ? sign(raw, d.secret) : d.signature;
  if (signature !== null) headers.set("x-hub-signature-256", signature);
  return new NextRequest(url, { method: "POST", headers, body: typeof raw === "string" ? raw : Buffer.from(raw) });
}

export const deliver = (d: Delivery) =>
  webhookRoute.POST(webhookRequest(d), { params: Promise.resolve({ source: d.source ?? "github" }) });

export async function putMapping(text: string, contentType = "application/yaml", auth: string | null = AUTH) {
  const url = new URL("http://localhost:3000/v2/sources/mapping");
  url.searchParams.set("orgIdentifier", ORG);
  url.searchParams.set("projectIdentifier", PROJECT);
  const headers = new Headers({ "content-type": contentType });
  if (auth) headers.set("authorization", auth);
  return mappingRoute.PUT(new NextRequest(url, { method: "PUT", headers, body: text }), {
    params: Promise.resolve({}),
  });
}

export async function getMapping(query: Record<string, string> = {}, auth: string | null = AUTH) {
  const url = new URL("http://localhost:3000/v2/sources/mapping");
  url.searchParams.set("orgIdentifier", ORG);
  url.searchParams.set("projectIdentifier", PROJECT);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const headers = new Headers();
  if (auth) headers.set("authorization", auth);
  return mappingRoute.GET(new NextRequest(url, { method: "GET", headers }), { params: Promise.resolve({}) });
}

export async function setGithubSecret(runtime: Runtime, secret = SECRET): Promise<void> {
  await setSecret(runtime.db, runtime.sources.key, { org: ORG, project: PROJECT }, "github", secret);
}

/** The events in the log, oldest first. */
export async function events(runtime: Runtime) {
  return runtime.db.selectFrom("source_events").selectAll().orderBy("id").execute();
}

/** Every engine record of the test project, by kind, as stored (for comparing). */
export async function records(runtime: Runtime) {
  const db = runtime.db;
  const scoped = (table: "pull_requests" | "builds" | "deployments" | "incidents" | "work_items") =>
    (db as unknown as Kysely<Record<string, { org_id: string; project_id: string; id: string }>>)
      .selectFrom(table)
      .selectAll()
      .where("org_id", "=", ORG)
      .where("project_id", "=", PROJECT)
      .orderBy("id")
      .execute() as Promise<Record<string, unknown>[]>;
  const strip = (rows: Record<string, unknown>[]) =>
    rows.map(({ link_t0: _0, link_t4: _4, link_t5: _5, has_pr: _h, ...rest }) => rest);
  return {
    pullRequests: strip(await scoped("pull_requests")),
    builds: strip(await scoped("builds")),
    deployments: strip(await scoped("deployments")),
    incidents: strip(await scoped("incidents")),
    workItems: strip(await scoped("work_items")),
  };
}
