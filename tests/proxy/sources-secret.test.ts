// POST /api/sources/secret – an admin sets a webhook secret: generated and shown once, or pasted
// (PagerDuty makes its own) and never sent back; anyone else gets the 404 of a missing page.
import { describe, expect, it } from "vitest";
import * as secretRoute from "@/app/api/sources/secret/route";
import { getSeiClient } from "@/lib/sei";
import { json, request, setupProxy, type Call } from "./helpers";

const env = setupProxy("embedded");
const ctx = { params: Promise.resolve({}) };
const post = async (call: Call) =>
  secretRoute.POST(await request(env().runtime, "POST", "/api/sources/secret", call), ctx);

async function stored(source: string) {
  const { org, project } = getSeiClient(env().runtime).identifiers;
  return env()
    .runtime.db.selectFrom("source_secrets")
    .select(["secret", "set_at"])
    .where("org_id", "=", org)
    .where("project_id", "=", project)
    .where("source", "=", source)
    .executeTakeFirst();
}

describe("POST /api/sources/secret", () => {
  it("a pasted PagerDuty secret is saved encrypted and never sent back", async () => {
    const secret = "pagerduty-made-this-secret-0123456789";
    const res = await post({ user: env().users.admin, body: { source: "pagerduty", secret } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ source: "pagerduty", saved: true });
    expect(text).not.toContain(secret);
    const row = await stored("pagerduty");
    expect(row?.secret.startsWith("v1:")).toBe(true);
    expect(row?.secret).not.toContain(secret);
  });

  it("Jira's is generated and shown once", async () => {
    const res = await post({ user: env().users.admin, body: { source: "jira" } });
    expect(res.status).toBe(200);
    expect((await json<{ secret: string }>(res)).secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it("a pasted secret under 16 characters → 400 and nothing changes; a non-admin → 404", async () => {
    const before = await stored("pagerduty");
    const short = await post({ user: env().users.admin, body: { source: "pagerduty", secret: "  short-secret  " } });
    expect(short.status).toBe(400);
    expect(await json(short)).toMatchObject({ details: [{ field: "secret" }] });
    const other = await post({ user: env().users.alice, body: { source: "pagerduty", secret: "x".repeat(40) } });
    expect(other.status).toBe(404);
    expect(await stored("pagerduty")).toEqual(before);
  });
});
