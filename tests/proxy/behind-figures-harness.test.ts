// GET /api/records and /api/coverage on a Harness connection: Harness SEI has no such API, so both
// answer NOT_AVAILABLE, before anything else, and never call SEI.
import { describe, expect, it } from "vitest";
import { harness } from "./harness-env";
import { json } from "./helpers";

const { env, call, fake } = harness();
const users = () => env().users;
const RANGE = { teamId: "pay", start: "2026-01-01", end: "2026-01-31" };

describe("behind the figures on Harness", () => {
  it.each([
    ["records", { ...RANGE, metric: "lttc" }],
    ["coverage", RANGE],
    ["records", { metric: "nonsense" }],
  ] as const)("GET /api/%s %j → 501 NOT_AVAILABLE, SEI never called", async (route, query) => {
    const res = await call[route]({ user: users().alice, query });
    expect(res.status).toBe(501);
    const body = await json<{ code: string; message: string }>(res);
    expect(body.code).toBe("NOT_AVAILABLE");
    expect(body.message).toMatch(/^Harness SEI has no API for /);
    expect(fake().requests).toHaveLength(0);
  });

  it("without a session → 401, as every route", async () => {
    const res = await call.records({ query: { ...RANGE, metric: "lttc" } });
    expect(res.status).toBe(401);
  });

  it("the public config tells the browser these features are missing", async () => {
    const body = await json<{ connection: { features: Record<string, boolean> } }>(
      await call.scopes({ user: users().alice }),
    );
    expect(body.connection.features).toEqual({ newerMetrics: false, records: false, coverage: false });
  });
});
