// recentExportFor: an identical export made through the dashboard in the last 30 minutes is found
// from the registry, without a create upstream, for anyone who may see its scope.
import { describe, expect, it } from "vitest";
import { recentExportFor } from "@/lib/dashboard";
import type { User } from "@/lib/auth";
import { getSeiClient } from "@/lib/sei";
import { harness } from "./harness-env";
import { exportBody } from "./helpers";

const { env, call, fake } = harness();
const ctx = (user: User) => ({ user, db: env().runtime.db, sei: getSeiClient(env().runtime) });
const body = exportBody({ teamId: "pay" }, { dateRange: { start: "2026-03-01", end: "2026-04-30" } });

describe("recentExportFor", () => {
  it("finds the export another user made, polls its status, and asks SEI for no new one", async () => {
    const res = await call.create({ user: env().users.admin, body });
    const made = ((await res.json()) as { export: { id: string } }).export.id;
    fake().reset();
    const found = await recentExportFor(ctx(env().users.alice), body);
    expect(found).toMatchObject({ id: made, status: "COMPLETED", scope: { kind: "team", teamId: "pay" } });
    expect(fake().count("create")).toBe(0);
    expect(fake().count("status")).toBe(1);
  });

  it("another range, or the same one after 30 minutes, is not found", async () => {
    await call.create({ user: env().users.admin, body });
    const other = exportBody({ teamId: "pay" }, { dateRange: { start: "2026-03-01", end: "2026-04-29" } });
    expect(await recentExportFor(ctx(env().users.alice), other)).toBeNull();
    expect(await recentExportFor(ctx(env().users.alice), body, Date.now() + 31 * 60_000)).toBeNull();
  });

  it("an export whose status is FAILED, or cannot be read, is not handed out", async () => {
    await call.create({ user: env().users.admin, body });
    fake().queue("status", { body: { exportId: "x", status: "Failed", createdAt: new Date().toISOString() } });
    expect(await recentExportFor(ctx(env().users.alice), body)).toBeNull();
    fake().queue("status", { status: 500, body: { code: "INTERNAL" } }, { status: 500 }, { status: 500 });
    expect(await recentExportFor(ctx(env().users.alice), body)).toBeNull();
  });

  it("a user who may not see the scope → 403, as for a create", async () => {
    await expect(recentExportFor(ctx(env().users.bob), body)).rejects.toMatchObject({ code: "PERMISSION_DENIED" });
  });
});
