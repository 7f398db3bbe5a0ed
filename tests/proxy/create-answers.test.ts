// What SEI answers a create with is not trusted: its export id must be one the routes accept.
import { describe, expect, it } from "vitest";
import { findExport } from "@/lib/registry/exports";
import { getSeiClient } from "@/lib/sei";
import { harness } from "./harness-env";
import { exportBody, json } from "./helpers";

const { env, call, fake } = harness();
const users = () => env().users;
const createdAt = "2026-03-01T00:00:00Z";
const registered = (id: string) => findExport(env().runtime.db, getSeiClient(env().runtime).connection, id);
const newLines = (from: number) => env().logs.slice(from).map((l) => JSON.parse(l) as Record<string, unknown>);

async function listedIds(user: "alice" | "bob" | "admin"): Promise<string[]> {
  const page = await json<{ items: { id: string }[] }>(await call.list({ user: users()[user], query: { limit: "100" } }));
  return page.items.map((i) => i.id);
}

describe("an export id from SEI must pass the routes' own pattern", () => {
  it.each([
    ["a path and an injected header", "../../x\r\nX-Injected: 1"],
    ["100 KB", "e".repeat(100 * 1024)],
    ["65 characters", "e".repeat(65)],
    ["a slash", "exp/0000000001"],
  ])("POST /api/exports – SEI answers with an id of %s → 502 UPSTREAM_FAILED, nothing registered or listed", async (_name, exportId) => {
    const before = await listedIds("admin");
    const seen = env().logs.length;
    fake().queue("create", { status: 202, body: { exportId, status: "QUEUED", createdAt } });
    const res = await call.create({ user: users().alice, body: exportBody({ teamId: "pay" }) });
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(JSON.parse(text).code).toBe("UPSTREAM_FAILED");
    expect(text).not.toContain("X-Injected");
    expect(await registered(exportId)).toBeNull();
    expect(await listedIds("admin")).toEqual(before);
    expect(await listedIds("alice")).not.toContain(exportId);
    const line = newLines(seen).find((l) => l.event === "proxy.export_created");
    expect(line).toMatchObject({ user: "alice@example.com", scope: "team:pay", outcome: "bad_upstream_id" });
    expect(JSON.stringify(line)).not.toContain("X-Injected");
  });
});
