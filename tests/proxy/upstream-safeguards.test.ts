import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV, FakeSei, PREFIX, UPSTREAM_JUNK } from "./fake-sei";
import { createdId, harness } from "./harness-env";
import { exportBody, json, KEY } from "./helpers";

const { env, call, fake } = harness();
const admin = () => env().users.admin;
const evil = new FakeSei();
beforeAll(async () => void (await evil.start()));
afterAll(() => evil.stop());

describe("the whole flow against the fake SEI, under its path prefix", () => {
  it("POST /api/exports – creates upstream with the key server-side and nothing of the browser's", async () => {
    const res = await call.create({ user: admin(), body: exportBody({ teamId: "pay" }) });
    expect(res.status).toBe(202);
    const body = await json<{ export: { id: string; createdBy: string }; status: string; reused: boolean }>(res);
    expect(body).toMatchObject({ status: "QUEUED", reused: false, export: { createdBy: "admin@example.com" } });
    const [seen] = fake().requests;
    expect(seen).toMatchObject({ endpoint: "create", path: `${PREFIX}/v2/insights/efficiency/exports` });
    expect(seen!.query.get("orgIdentifier")).toBe("acme");
    expect(seen!.query.get("projectIdentifier")).toBe("web");
    expect(seen!.headers["x-api-key"]).toBe(KEY);
    expect(seen!.headers.cookie).toBeUndefined();
    expect(seen!.headers.origin).toBeUndefined();
    expect(seen!.headers["user-agent"]).toBe("fourfold-proxy");
    expect(JSON.parse(seen!.body)).toMatchObject({
      scope: { teamId: "pay" },
      metricGroups: ["lttc", "deployment_frequency"],
    });
  });

  it("an org tree scope gets the configured identifiers injected", async () => {
    await call.create({ user: admin(), body: exportBody({ orgTreeName: "Eng", orgIdentifier: "someone-elses" }) });
    expect(JSON.parse(fake().requests[0]!.body).scope).toEqual({
      orgTreeName: "Eng",
      orgIdentifier: "acme",
      projectIdentifier: "web",
    });
  });

  it("GET /api/exports/{id} – the status, normalised, with the dashboard's own download address", async () => {
    const id = await createdId(call, env);
    const res = await call.poll(id, { user: admin() });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      id,
      status: "COMPLETED",
      rowCount: null,
      sizeBytes: 42,
      downloadUrl: `/api/exports/${id}/download`,
    });
  });

  it("GET …/download – decompressed CSV by default, only chosen headers", async () => {
    const id = await createdId(call, env);
    const res = await call.download(id, { user: admin() });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(CSV);
    expect([...res.headers.keys()].sort()).toEqual(["cache-control", "content-type", "x-content-type-options"]);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  });

  it("GET …/download?as=gzip – the original gzip file, no upstream header", async () => {
    const id = await createdId(call, env);
    const res = await call.download(id, { user: admin(), query: { as: "gzip" } });
    expect(res.headers.get("content-type")).toBe("application/gzip");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="efficiency-${id}.csv.gz"`);
    for (const h of [...Object.keys(UPSTREAM_JUNK), "content-length"]) expect(res.headers.get(h)).toBeNull();
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(CSV);
    const dl = fake().requests.find((r) => r.endpoint === "download")!;
    expect(dl.path).toBe(`${PREFIX}/v2/insights/efficiency/exports/${id}/download`);
    expect(dl.headers["x-api-key"]).toBe(KEY);
    expect(fake().requests.every((r) => r.path.startsWith(`${PREFIX}/`) && r.endpoint !== "other")).toBe(true);
  });
});

describe("downloadUrl resolving elsewhere is refused", () => {
  const bad = (id: string) => [
    ["another host", `${evil.baseUrl}/v2/insights/efficiency/exports/${id}/download`],
    ["//host", `//127.0.0.1:${evil.port}${PREFIX}/v2/insights/efficiency/exports/${id}/download`],
    ["user@host", `http://user@127.0.0.1:${fake().port}${PREFIX}/v2/insights/efficiency/exports/${id}/download`],
    [".. escaping the prefix", `/../../../v2/insights/efficiency/exports/${id}/download`],
    ["another SEI path", `/v2/insights/teams/reports`],
  ];
  it("for each: 502 UPSTREAM_FAILED, no download call anywhere", async () => {
    const id = await createdId(call, env);
    for (const [name, url] of bad(id)) {
      fake().statusPatch = { downloadUrl: url };
      const res = await call.download(id, { user: admin() });
      expect({ name, status: res.status }).toEqual({ name, status: 502 });
      expect(((await json(res)) as { code: string }).code).toBe("UPSTREAM_FAILED");
    }
    expect(fake().count("download")).toBe(0);
    expect(fake().count("other")).toBe(0);
    expect(evil.requests).toHaveLength(0);
  });
});

describe("redirects are not followed", () => {
  it.each(["create", "status", "download"] as const)("a 302 on %s → 502, the target never called", async (endpoint) => {
    const id = endpoint === "create" ? null : await createdId(call, env);
    fake().queue(endpoint, { status: 302, headers: { location: `${evil.baseUrl}/v2/insights/efficiency/exports` } });
    const res =
      id === null
        ? await call.create({ user: admin(), body: exportBody({ teamId: "pay" }) })
        : endpoint === "status"
          ? await call.poll(id, { user: admin() })
          : await call.download(id, { user: admin() });
    expect(res.status).toBe(502);
    expect(await json(res)).toEqual({
      code: "UPSTREAM_FAILED",
      message: "SEI answered with a redirect, which the dashboard does not follow.",
    });
    expect(evil.requests).toHaveLength(0);
  });
});

describe("retries", () => {
  it("429 with Retry-After: waits that long, then succeeds", async () => {
    fake().queue("create", { status: 429, headers: { "retry-after": "1" } });
    const t0 = Date.now();
    const res = await call.create({ user: admin(), body: exportBody({ teamId: "pay" }) });
    expect(res.status).toBe(202);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    expect(fake().count("create")).toBe(2);
  });

  it("Retry-After beyond the cap: no wait, 429 RATE_LIMITED with Retry-After", async () => {
    fake().queue("create", { status: 429, headers: { "retry-after": "3600" } });
    const res = await call.create({ user: admin(), body: exportBody({ teamId: "pay" }) });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3600");
    expect(((await json(res)) as { code: string }).code).toBe("RATE_LIMITED");
    expect(fake().count("create")).toBe(1);
  });

  it("5xx on a GET is retried until it works", async () => {
    const id = await createdId(call, env);
    fake().queue("status", { status: 503 }, { status: 502 });
    expect((await call.poll(id, { user: admin() })).status).toBe(200);
    expect(fake().count("status")).toBe(3);
  });

  it("5xx every time: gives up after the attempts, 502 UPSTREAM_FAILED without the upstream body", async () => {
    const id = await createdId(call, env);
    const leak = { status: 500, body: `internal error, key=${KEY}, at Foo.bar (/srv/app.js:1)` };
    fake().queue("status", leak, leak, leak, leak);
    const res = await call.poll(id, { user: admin() });
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      code: "UPSTREAM_FAILED",
      message: "SEI failed to answer (HTTP 500). Try again later.",
    });
    expect(fake().count("status")).toBe(3);
  });

  it.each([
    [400, 400, "INVALID_ARGUMENT"],
    [401, 502, "UPSTREAM_UNAUTHORIZED"],
    [403, 502, "UPSTREAM_UNAUTHORIZED"],
    [404, 404, "NOT_FOUND"],
    [409, 409, "NOT_READY"],
  ])("a %i is never retried → %i %s", async (upstream, status, code) => {
    fake().queue("create", { status: upstream, body: { message: `nope ${KEY}` } });
    const res = await call.create({ user: admin(), body: exportBody({ teamId: "pay" }) });
    expect(res.status).toBe(status);
    const text = await res.text();
    expect(JSON.parse(text).code).toBe(code);
    expect(text).not.toContain(KEY);
    expect(fake().count("create")).toBe(1);
  });

  it("the report (a POST other than create) is not retried", async () => {
    fake().queue("report", { status: 503 });
    const res = await call.report({
      user: admin(),
      body: { dateStart: "2026-01-01", dateEnd: "2026-01-31", teamRefId: 2 },
    });
    expect(res.status).toBe(502);
    expect(fake().count("report")).toBe(1);
  });
});

describe("timeouts", () => {
  it("no answer at all: 504 UPSTREAM_UNREACHABLE after the retries", async () => {
    fake().queue("create", { never: true }, { never: true }, { never: true });
    const res = await call.create({ user: admin(), body: exportBody({ teamId: "pay" }) });
    expect(res.status).toBe(504);
    expect(((await json(res)) as { code: string }).code).toBe("UPSTREAM_UNREACHABLE");
    expect(fake().count("create")).toBe(3);
  });

  it("headers slower than the timeout, then in time: the retry succeeds", async () => {
    const id = await createdId(call, env);
    fake().queue("status", { delayMs: 600 });
    expect((await call.poll(id, { user: admin() })).status).toBe(200);
    expect(fake().count("status")).toBe(2);
  });

  it("a body that stalls: 504", async () => {
    const id = await createdId(call, env);
    fake().queue("status", { stallBody: true }, { stallBody: true }, { stallBody: true });
    expect((await call.poll(id, { user: admin() })).status).toBe(504);
  });

  it("nothing listening: 504", async () => {
    const { makeClient, setSeiClient } = await import("@/lib/sei");
    const { httpSeiClient } = await import("@/lib/sei/http/transport");
    const id = await createdId(call, env);
    setSeiClient(
      httpSeiClient({
        baseUrl: `http://127.0.0.1:1${PREFIX}`,
        apiKey: KEY,
        org: "acme",
        project: "web",
        directory: async () => ({ teams: [], orgTrees: [] }),
        retry: { attempts: 1 },
      }),
    );
    try {
      const res = await call.poll(id, { user: admin() });
      expect(res.status).toBe(404); // the registry is per connection: this one never made it
      const created = await call.create({ user: admin(), body: exportBody({ teamId: "pay" }) });
      expect(created.status).toBe(504);
    } finally {
      const { TUNING } = await import("./harness-env");
      setSeiClient(makeClient(env().runtime, TUNING));
    }
  });
});

describe("one deadline per proxied call, the retries included", () => {
  // Headers time out after 2 s and four attempts are allowed: only the 500 ms deadline can end these early.
  const withDeadline = async (run: () => Promise<void>) => {
    const { makeClient, setSeiClient } = await import("@/lib/sei");
    const { TUNING } = await import("./harness-env");
    setSeiClient(
      makeClient(env().runtime, {
        ...TUNING,
        timeouts: { ...TUNING.timeouts, headersMs: 2_000, bodyIdleMs: 300, deadlineMs: 500 },
        retry: { ...TUNING.retry, attempts: 4 },
      }),
    );
    try {
      await run();
    } finally {
      setSeiClient(makeClient(env().runtime, TUNING));
    }
  };

  it.each(["create", "status"] as const)(
    "SEI never sends headers on %s → 504 UPSTREAM_UNREACHABLE at the deadline, after one attempt",
    async (endpoint) => {
      const id = endpoint === "create" ? null : await createdId(call, env);
      await withDeadline(async () => {
        fake().queue(endpoint, { never: true }, { never: true }, { never: true }, { never: true });
        const res =
          id === null
            ? await call.create({ user: admin(), body: exportBody({ teamId: "pay" }) })
            : await call.poll(id, { user: admin() });
        expect(res.status).toBe(504);
        expect(await json(res)).toEqual({
          code: "UPSTREAM_UNREACHABLE",
          message: "SEI did not answer in time. Try again in a moment.",
        });
        expect(fake().count(endpoint)).toBe(1);
      });
    },
  );

  it("a retry whose wait would end past the deadline is not made: SEI's answer stands", async () => {
    await withDeadline(async () => {
      fake().queue("create", { status: 503, headers: { "retry-after": "1" } });
      const res = await call.create({ user: admin(), body: exportBody({ teamId: "pay" }) });
      expect(res.status).toBe(502);
      expect(((await json(res)) as { code: string }).code).toBe("UPSTREAM_FAILED");
      expect(fake().count("create")).toBe(1);
    });
  });

  it("a download keeps only its idle timeout: a body that flows for longer than the deadline arrives whole", async () => {
    const id = await createdId(call, env);
    const { Readable } = await import("node:stream");
    await withDeadline(async () => {
      let sent = 0;
      // 10 chunks, 100 ms apart: never idle for 300 ms, about twice the deadline in all.
      fake().download = () =>
        new Readable({
          read() {
            if (sent === 10) return void this.push(null);
            setTimeout(() => this.push(`row ${sent++}\n`), 100);
          },
        });
      const res = await call.download(id, { user: admin() });
      expect(res.status).toBe(200);
      expect((await res.text()).split("\n").filter(Boolean)).toHaveLength(10);
    });
  });
});
