// Request-level helpers for GitLab and CDEvents: the documented payloads (tests/fixtures/sources/),
// sent to the webhook route with the headers each vendor sends.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { NextRequest } from "next/server";
import * as webhookRoute from "@/app/v2/sources/[source]/webhook/route";
import type { Runtime } from "@/lib/runtime";
import { setSecret } from "@/lib/sources";
import { ORG, PROJECT } from "../engine-api/helpers";
import type { Payload } from "./helpers";

export const GITLAB_TOKEN = "a-gitlab-token-for-tests-0123456789";
export const CDEVENTS_TOKEN = "a-cdevents-token-for-tests-0123456789";

const FIXTURES = fileURLToPath(new URL("../fixtures/sources/", import.meta.url));

/** A deep copy of a fixture: `gitlab/merge-request`, `cdevents/service-deployed`, … */
export function fixture(name: string): Payload {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8")) as Payload;
}

export async function setTokens(runtime: Runtime, project = PROJECT): Promise<void> {
  const scope = { org: ORG, project };
  await setSecret(runtime.db, runtime.sources.key, scope, "gitlab", GITLAB_TOKEN);
  await setSecret(runtime.db, runtime.sources.key, scope, "cdevents", CDEVENTS_TOKEN);
}

let deliveries = 0;

function url(source: string, project = PROJECT): URL {
  const u = new URL(`http://localhost:3000/v2/sources/${source}/webhook`);
  u.searchParams.set("orgIdentifier", ORG);
  u.searchParams.set("projectIdentifier", project);
  return u;
}

export interface GitlabDelivery {
  /** The `X-Gitlab-Event` header: `Merge Request Hook`, `Push Hook`, … */
  event: string;
  body: unknown;
  raw?: string;
  /** `X-Gitlab-Event-UUID`; a new one by default, null for none. */
  uuid?: string | null;
  /** `X-Gitlab-Token`; the project's by default, null for none. */
  token?: string | null;
  project?: string;
}

export function deliverGitlab(d: GitlabDelivery) {
  const headers = new Headers({ "content-type": "application/json", "x-gitlab-event": d.event });
  const uuid = d.uuid === undefined ? `gl-${process.pid}-${++deliveries}` : d.uuid;
  if (uuid !== null) headers.set("x-gitlab-event-uuid", uuid);
  const token = d.token === undefined ? GITLAB_TOKEN : d.token;
  if (token !== null) headers.set("x-gitlab-token", token);
  const req = new NextRequest(url("gitlab", d.project), {
    method: "POST",
    headers,
    body: d.raw ?? JSON.stringify(d.body),
  });
  return webhookRoute.POST(req, { params: Promise.resolve({ source: "gitlab" }) });
}

export interface CloudEventDelivery {
  /** The CDEvent (its context gives the CloudEvent's type, id, source and time). */
  cdevent: Payload;
  mode: "binary" | "structured";
  /** `Authorization: Bearer …`; the project's token by default, null for none. */
  authorization?: string | null;
  project?: string;
}

/** A CDEvent over CloudEvents HTTP, as the CDEvents binding says: binary (ce-* headers) or structured. */
export function deliverCloudEvent(d: CloudEventDelivery) {
  const ctx = d.cdevent.context as { id: string; source: string; type: string; timestamp: string };
  const headers = new Headers();
  const auth = d.authorization === undefined ? `Bearer ${CDEVENTS_TOKEN}` : d.authorization;
  if (auth !== null) headers.set("authorization", auth);
  let body: string;
  if (d.mode === "binary") {
    headers.set("content-type", "application/json; charset=utf-8");
    headers.set("ce-specversion", "1.0");
    headers.set("ce-id", ctx.id);
    headers.set("ce-source", ctx.source);
    headers.set("ce-type", ctx.type);
    headers.set("ce-time", ctx.timestamp);
    headers.set("ce-subject", String((d.cdevent.subject as { id: string }).id));
    body = JSON.stringify(d.cdevent);
  } else {
    headers.set("content-type", "application/cloudevents+json; charset=utf-8");
    body = JSON.stringify({
      specversion: "1.0",
      id: ctx.id,
      source: ctx.source,
      type: ctx.type,
      time: ctx.timestamp,
      subject: (d.cdevent.subject as { id: string }).id,
      datacontenttype: "application/json",
      data: d.cdevent,
    });
  }
  const req = new NextRequest(url("cdevents", d.project), { method: "POST", headers, body });
  return webhookRoute.POST(req, { params: Promise.resolve({ source: "cdevents" }) });
}
