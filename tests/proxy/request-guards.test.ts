import { describe, expect, it } from "vitest";
import { resetCreateLimiter } from "@/lib/access/guards";
import { createdId, harness } from "./harness-env";
import { exportBody, json, ORIGIN } from "./helpers";

const { env, call, fake } = harness();
const admin = () => env().users.admin;
const body = exportBody({ teamId: "pay" });

describe("state-changing routes refuse cross-site and non-JSON requests, before any upstream call", () => {
  it.each([
    ["an Origin of another site", { origin: "https://evil.example" }, 403, "PERMISSION_DENIED"],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }, 403, "PERMISSION_DENIED"],
    ["Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site" }, 403, "PERMISSION_DENIED"],
    ["neither Origin nor Sec-Fetch-Site", { origin: "", "sec-fetch-site": "" }, 403, "PERMISSION_DENIED"],
    ["a same-origin Origin alone", { "sec-fetch-site": "" }, 202, null],
    ["Sec-Fetch-Site: same-origin alone", { origin: "" }, 202, null],
    ["content-type text/plain", { "content-type": "text/plain" }, 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["a form post", { "content-type": "application/x-www-form-urlencoded" }, 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["JSON with a charset", { "content-type": "application/json; charset=utf-8" }, 202, null],
  ])("POST /api/exports – %s → %i", async (_name, headers, status, code) => {
    const res = await call.create({ user: admin(), body, headers });
    expect(res.status).toBe(status);
    if (code) {
      expect(((await json(res)) as { code: string }).code).toBe(code);
      expect(fake().requests).toHaveLength(0);
    }
  });

  it("POST /api/reports – a cross-site request → 403, not called upstream", async () => {
    const res = await call.report({
      user: admin(),
      body: { dateStart: "2026-01-01", dateEnd: "2026-01-31", teamRefId: 2 },
      headers: { origin: `${ORIGIN}.evil.example` },
    });
    expect(res.status).toBe(403);
    expect(fake().count("report")).toBe(0);
  });

  it("a refusal is logged with the user", async () => {
    await call.create({ user: admin(), body, headers: { origin: "https://evil.example" } });
    const line = env().logs.findLast((l) => l.includes('"proxy.denied"'));
    expect(JSON.parse(line!)).toMatchObject({ user: "admin@example.com", reason: "PERMISSION_DENIED" });
  });
});

describe("sessions", () => {
  it.each([
    ["create", () => call.create({ body })],
    ["list", () => call.list({})],
    ["poll", () => call.poll("exp_0000000001", {})],
    ["download", () => call.download("exp_0000000001", {})],
    ["scopes", () => call.scopes({})],
    ["report", () => call.report({ body: {} })],
  ])("%s without a session → 401 JSON", async (_name, run) => {
    const res = await run();
    expect(res.status).toBe(401);
    expect(((await json(res)) as { code: string }).code).toBe("UNAUTHENTICATED");
  });

  it("a forged session cookie → 401", async () => {
    const res = await call.list({
      headers: { cookie: "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.x.y.z.w" },
    });
    expect(res.status).toBe(401);
  });
});

describe("everything is validated before any upstream call", () => {
  it.each(["../../v2/ingest/teams", "exp_%2F..%2F", "a".repeat(65), "exp with space", "exp_0000000001/download"])(
    "export id %j → 404",
    async (id) => {
      expect((await call.poll(id, { user: admin() })).status).toBe(404);
      expect((await call.download(id, { user: admin() })).status).toBe(404);
      expect(fake().requests).toHaveLength(0);
    },
  );

  it("an export id the dashboard did not make → 404, SEI not asked", async () => {
    expect((await call.poll("exp_ZZZZZZZZZZ", { user: admin() })).status).toBe(404);
    expect(fake().requests).toHaveLength(0);
  });

  it.each([
    ["both teamId and orgTreeName", exportBody({ teamId: "pay", orgTreeName: "Eng" }), "scope"],
    ["an unknown field", { ...body, extra: 1 }, "extra"],
    [
      "a bad date",
      exportBody({ teamId: "pay" }, { dateRange: { start: "2026-02-30", end: "2026-03-01" } }),
      "dateRange.start",
    ],
    ["an unknown group", exportBody({ teamId: "pay" }, { metricGroups: ["lttc", "nope"] }), "metricGroups[1]"],
  ])("a create with %s → 400 naming it", async (_name, bad, field) => {
    const res = await call.create({ user: admin(), body: bad });
    expect(res.status).toBe(400);
    const out = await json<{ details: { field: string }[] }>(res);
    expect(out.details.map((d) => d.field)).toContain(field);
    expect(fake().requests).toHaveLength(0);
  });

  it("a body that is not JSON → 400", async () => {
    expect((await call.create({ user: admin(), body: "{scope:" })).status).toBe(400);
  });

  it("`as` other than gzip or csv → 400", async () => {
    const id = await createdId(call, env);
    expect((await call.download(id, { user: admin(), query: { as: "zip" } })).status).toBe(400);
  });
});

describe("per-user rate limit on creates", () => {
  it("the create past the limit → 429 with Retry-After, and another user is not affected", async () => {
    resetCreateLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) expect((await call.create({ user: admin(), body })).status).toBe(202);
    const res = await call.create({ user: admin(), body });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(59);
    expect(((await json(res)) as { code: string }).code).toBe("RATE_LIMITED");
    expect(fake().count("create")).toBe(3);
    expect((await call.create({ user: env().users.alice, body })).status).toBe(202);
  });
});
