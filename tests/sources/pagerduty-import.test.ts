// The PagerDuty importer against a local fake of GET /incidents: every window and page, a 429's
// Retry-After waited out, a dropped connection tried again, an interrupted import resumed to the
// same incidents as an uninterrupted one, and a second run adding nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPagerduty } from "@/lib/sources";
import { saveMapping } from "@/lib/sources/mapping/store";
import { ingestOk, ORG, setupEngine } from "../engine-api/helpers";
import { fakeIncidents, startFakePagerduty } from "./fake-pagerduty";
import type { FakeApi } from "./fake-vendor";

const runtime = setupEngine();
const incidents = fakeIncidents(45);
let pagerduty: FakeApi;
const MAPPING =
  "teams:\n  - pagerdutyService: API Service\n    team: ops\n  - pagerdutyService: PCHK*\n    team: shop\n";
const SINCE = Date.parse("2026-01-05T00:00:00Z");

beforeAll(async () => {
  pagerduty = await startFakePagerduty(incidents);
  const rt = await runtime();
  for (const project of ["whole", "stopped", "all", "outage"]) {
    await ingestOk(
      "teams",
      [
        { id: "ops", name: "Ops", orgTree: "Engineering" },
        { id: "shop", name: "Shop", orgTree: "Engineering" },
      ],
      { project },
    );
    await saveMapping(rt.db, { org: ORG, project }, MAPPING, "yaml", "test");
  }
});
afterAll(() => pagerduty.close());

async function incidentsOf(project: string) {
  const rows = await (
    await runtime()
  ).db
    .selectFrom("incidents")
    .selectAll()
    .where("org_id", "=", ORG)
    .where("project_id", "=", project)
    .orderBy("id")
    .execute();
  return rows.map(({ project_id: _p, ...rest }) => rest);
}

const options = (extra: Partial<Parameters<typeof importPagerduty>[2]> = {}) => ({
  since: SINCE,
  apiUrl: pagerduty.url,
  token: "pd-test-token",
  pageSize: 10,
  secondMs: 1000,
  ...extra,
});

describe("npm run import -- pagerduty", () => {
  it("reads every page of every month, waits out a 429, retries a dropped connection", async () => {
    const rt = await runtime();
    pagerduty.faults.push(
      { kind: "rate-limit", times: 1, match: (u) => u.searchParams.get("offset") === "10" },
      { kind: "drop", times: 1, match: (u) => u.searchParams.get("since")?.startsWith("2026-02-04") === true },
    );
    const messages: string[] = [];
    const result = await importPagerduty(
      rt.sources,
      { org: ORG, project: "whole" },
      options({ onProgress: (m) => messages.push(m) }),
    );
    expect(result).toMatchObject({ status: "done", resumed: false, items: incidents.length });
    const limited = pagerduty.requests.filter((r) => r.path.includes("offset=10&") || r.path.endsWith("offset=10"));
    expect(limited.map((r) => r.status).slice(0, 2)).toEqual([429, 200]);
    expect(limited[1]!.at - limited[0]!.at).toBeGreaterThanOrEqual(950);
    expect(messages).toContain("PagerDuty's rate limit: waiting 1 s before GET /incidents");
    expect(pagerduty.requests.some((r) => r.status === "dropped")).toBe(true);
    expect(pagerduty.requests.every((r) => r.authorization === "Token token=pd-test-token")).toBe(true);

    const rows = await incidentsOf("whole");
    expect(rows).toHaveLength(incidents.length);
    const first = rows.find((r) => r.id === "pagerduty:PINC0001")!;
    expect(first).toMatchObject({
      team_id: "shop",
      opened_at: Date.parse(String(incidents[0]!.created_at)),
      resolved_at: Date.parse(String(incidents[0]!.resolved_at)),
    });
    expect(rows.find((r) => r.id === "pagerduty:PINC0007")).toMatchObject({ team_id: "shop", resolved_at: null });
    expect(rows.find((r) => r.id === "pagerduty:PINC0002")).toMatchObject({ team_id: "ops" });
  });

  it("importing again adds no event", async () => {
    const again = await importPagerduty((await runtime()).sources, { org: ORG, project: "whole" }, options());
    expect(again).toMatchObject({ status: "done", newEvents: 0 });
  });

  it("without --since it starts at the account's first incident", async () => {
    const before = pagerduty.requests.length;
    const r = await importPagerduty(
      (await runtime()).sources,
      { org: ORG, project: "all" },
      options({ since: undefined }),
    );
    expect(r.status).toBe("done");
    expect(pagerduty.requests[before]!.path).toContain("date_range=all");
    expect(await incidentsOf("all")).toEqual(await incidentsOf("whole"));
  });

  it("stopped after two pages (Ctrl-C), then run again: it resumes and ends with the same incidents", async () => {
    const rt = await runtime();
    const stop = new AbortController();
    let pages = 0;
    const first = await importPagerduty(
      rt.sources,
      { org: ORG, project: "stopped" },
      options({
        signal: stop.signal,
        onProgress: (m) => {
          if (/on this page/.test(m) && ++pages === 2) stop.abort();
        },
      }),
    );
    expect(first.status).toBe("interrupted");
    const run = await rt.db
      .selectFrom("source_imports")
      .selectAll()
      .where("project_id", "=", "stopped")
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: "interrupted", phase: "incidents" });
    expect(JSON.parse(run.cursor!)).toMatchObject({ window: SINCE, offset: 20 });
    expect((await incidentsOf("stopped")).length).toBe(20);
    const before = pagerduty.requests.length;
    const second = await importPagerduty(rt.sources, { org: ORG, project: "stopped" }, options());
    expect(second).toMatchObject({ status: "done", resumed: true });
    expect(
      pagerduty.requests.slice(before).filter((r) => /offset=0\b/.test(r.path) && r.path.includes("2026-01-05")),
    ).toEqual([]);
    expect(await incidentsOf("stopped")).toEqual(await incidentsOf("whole"));
  });

  it("an outage fails the run with where it stopped; the next run resumes to the same incidents", async () => {
    const rt = await runtime();
    const outage = { kind: "drop" as const, times: Infinity, match: (u: URL) => u.searchParams.get("offset") === "20" };
    pagerduty.faults.push(outage);
    await expect(
      importPagerduty(rt.sources, { org: ORG, project: "outage" }, options({ secondMs: 5 })),
    ).rejects.toThrow(/PagerDuty could not be reached/);
    const run = await rt.db
      .selectFrom("source_imports")
      .selectAll()
      .where("project_id", "=", "outage")
      .executeTakeFirstOrThrow();
    expect(run.status).toBe("failed");
    expect(run.message).toContain("at 2026-01-05, offset 20; run the same command to resume");
    outage.times = 0;
    expect(await importPagerduty(rt.sources, { org: ORG, project: "outage" }, options())).toMatchObject({
      status: "done",
      resumed: true,
    });
    expect(await incidentsOf("outage")).toEqual(await incidentsOf("whole"));
  });
});
