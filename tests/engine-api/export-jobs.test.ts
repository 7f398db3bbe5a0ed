// Export jobs over HTTP (spec §5): the reuse rule, concurrent creates, polling, 404/409, and project
// isolation. No export worker runs in this file, so every job stays QUEUED unless a test says otherwise.
import { beforeAll, describe, expect, it } from "vitest";
import { REUSE_WINDOW_MS } from "@/lib/engine/jobs/repo";
import { ingestDataset, PAYMENTS, TEAMS } from "./dataset";
import { api, exportBody, ingestOk, json, setupEngine, type CallOptions, type ErrorBody } from "./helpers";

const runtime = setupEngine({ jobs: false });

interface Created {
  exportId: string;
  status: string;
  createdAt: string;
  message: string;
}

const REUSED = "Using existing export with identical parameters";

async function create(body: unknown, opts?: CallOptions): Promise<{ status: number; body: Created }> {
  const res = await api.createExport(body, opts);
  return { status: res.status, body: await json<Created>(res) };
}

async function setJob(id: string, fields: { status?: "FAILED" | "PROCESSING" | "COMPLETED"; created_at?: number }) {
  const { db } = await runtime();
  await db.updateTable("export_jobs").set(fields).where("id", "=", id).execute();
}

beforeAll(async () => {
  await ingestDataset();
});

describe("POST /v2/insights/efficiency/exports – reuse of an identical recent job", () => {
  const base = () => exportBody("pay", { metricGroups: ["lttc", "df", "cfr"], options: { granularity: "WEEKLY" } });
  let first: Created;

  beforeAll(async () => {
    const res = await create(base());
    expect(res.status).toBe(202);
    first = res.body;
  });

  const SAME: [string, Record<string, unknown>][] = [
    ["the very same body", base()],
    [
      "metricGroups reordered",
      exportBody("pay", { metricGroups: ["cfr", "df", "lttc"], options: { granularity: "WEEKLY" } }),
    ],
    [
      "enums in other case",
      exportBody("pay", {
        metricGroups: ["LTTC", "DF", "Cfr"],
        options: { granularity: "weekly", aggregation: "MEAN" },
      }),
    ],
    [
      "deployment_frequency instead of df",
      exportBody("pay", { metricGroups: ["lttc", "deployment_frequency", "cfr"], options: { granularity: "WEEKLY" } }),
    ],
    [
      "a group named twice",
      exportBody("pay", { metricGroups: ["lttc", "df", "cfr", "df"], options: { granularity: "WEEKLY" } }),
    ],
    [
      "every default spelled out",
      exportBody("pay", {
        metricGroups: ["lttc", "df", "cfr"],
        metrics: [],
        options: {
          granularity: "WEEKLY",
          aggregation: "mean",
          compression: "gzip",
          format: "csv",
          timezone: "UTC",
          benchmark: "sei",
        },
      }),
    ],
  ];

  it.each(SAME)("%s → 200 with the first job's id, status, createdAt and the reuse message", async (_case, body) => {
    const res = await create(body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      exportId: first.exportId,
      status: "QUEUED",
      createdAt: first.createdAt,
      message: REUSED,
    });
  });

  it.each([
    [
      "another granularity",
      exportBody("pay", { metricGroups: ["lttc", "df", "cfr"], options: { granularity: "MONTHLY" } }),
    ],
    [
      "another aggregation",
      exportBody("pay", {
        metricGroups: ["lttc", "df", "cfr"],
        options: { granularity: "WEEKLY", aggregation: "p90" },
      }),
    ],
    [
      "another compression",
      exportBody("pay", {
        metricGroups: ["lttc", "df", "cfr"],
        options: { granularity: "WEEKLY", compression: "none" },
      }),
    ],
    ["one group fewer", exportBody("pay", { metricGroups: ["lttc", "df"], options: { granularity: "WEEKLY" } })],
    ["another team", exportBody("plat", { metricGroups: ["lttc", "df", "cfr"], options: { granularity: "WEEKLY" } })],
    [
      "another end date",
      exportBody("pay", {
        metricGroups: ["lttc", "df", "cfr"],
        dateRange: { start: "2026-01-01", end: "2026-02-27" },
        options: { granularity: "WEEKLY" },
      }),
    ],
  ])("%s → a new job, 202", async (_case, body) => {
    const res = await create(body);
    expect(res.status).toBe(202);
    expect(res.body.exportId).not.toBe(first.exportId);
    expect(res.body.message).toBe("Export job created successfully");
  });

  it("a job that FAILED is not reused", async () => {
    const body = exportBody("pay", { metricGroups: ["mttr"] });
    const failed = await create(body);
    await setJob(failed.body.exportId, { status: "FAILED" });
    const again = await create(body);
    expect(again.status).toBe(202);
    expect(again.body.exportId).not.toBe(failed.body.exportId);
  });

  it("a job created just inside 30 minutes ago is reused; one just outside is not", async () => {
    const body = exportBody("pay", { metricGroups: ["work_items"] });
    const old = await create(body);
    await setJob(old.body.exportId, { created_at: Date.now() - REUSE_WINDOW_MS + 10_000 });
    expect((await create(body)).body.exportId).toBe(old.body.exportId);
    await setJob(old.body.exportId, { created_at: Date.now() - REUSE_WINDOW_MS - 1000 });
    const fresh = await create(body);
    expect(fresh.status).toBe(202);
    expect(fresh.body.exportId).not.toBe(old.body.exportId);
  });

  it("a COMPLETED job is reused with its current status", async () => {
    const body = exportBody("pay", { metricGroups: ["rating"] });
    const done = await create(body);
    await setJob(done.body.exportId, { status: "COMPLETED" });
    expect(await create(body)).toMatchObject({
      status: 200,
      body: { exportId: done.body.exportId, status: "COMPLETED" },
    });
  });
});

describe("POST /v2/insights/efficiency/exports – ten identical creates at once", () => {
  it("make exactly one job: one 202, nine 200, one exportId", async () => {
    const body = exportBody("plat", {
      metricGroups: ["cfr", "mttr", "summary"],
      options: { granularity: "QUARTERLY" },
    });
    const results = await Promise.all(Array.from({ length: 10 }, () => create(body)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 202]);
    expect(new Set(results.map((r) => r.body.exportId)).size).toBe(1);
    const { db } = await runtime();
    const jobs = await db.selectFrom("export_jobs").select("id").where("id", "=", results[0]!.body.exportId).execute();
    expect(jobs).toHaveLength(1);
  });
});

describe("GET /v2/insights/efficiency/exports/{id} and …/download", () => {
  it.each([
    ["a well-formed unknown id", "exp_0000000000"],
    ["a lower-case id", "exp_abcdefghij"],
    ["a malformed id", "not-an-export"],
    ["a path-like id", "..%2F..%2Fetc%2Fpasswd"],
  ])("%s → 404 NOT_FOUND on poll and download", async (_case, id) => {
    for (const res of [await api.poll(id), await api.download(id)]) {
      expect(res.status).toBe(404);
      expect(await json<ErrorBody>(res)).toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it("a QUEUED job polls without startedAt, downloadUrl or error; its download → 409 NOT_READY", async () => {
    const { body } = await create(exportBody("pay", { metricGroups: ["lttc"], options: { granularity: "QUARTERLY" } }));
    const poll = await api.poll(body.exportId);
    expect(poll.status).toBe(200);
    expect(await json(poll)).toEqual({ exportId: body.exportId, status: "QUEUED", createdAt: body.createdAt });
    const res = await api.download(body.exportId);
    expect(res.status).toBe(409);
    expect(await json<ErrorBody>(res)).toMatchObject({ code: "NOT_READY" });
  });

  it("a PROCESSING job's download → 409 NOT_READY", async () => {
    const { body } = await create(exportBody("pay", { metricGroups: ["df"], options: { granularity: "QUARTERLY" } }));
    await setJob(body.exportId, { status: "PROCESSING" });
    const res = await api.download(body.exportId);
    expect(res.status).toBe(409);
    expect(await json<ErrorBody>(res)).toMatchObject({ code: "NOT_READY" });
  });

  it("a FAILED job polls with its error and no downloadUrl", async () => {
    const { body } = await create(exportBody("pay", { metricGroups: ["cfr"], options: { granularity: "QUARTERLY" } }));
    const { db } = await runtime();
    await db
      .updateTable("export_jobs")
      .set({ status: "FAILED", error_code: "EXPORT_FAILED", error_message: "The export could not be computed." })
      .where("id", "=", body.exportId)
      .execute();
    const poll = await json(await api.poll(body.exportId));
    expect(poll).toMatchObject({
      status: "FAILED",
      error: { code: "EXPORT_FAILED", message: "The export could not be computed." },
    });
    expect(poll).not.toHaveProperty("downloadUrl");
  });
});

describe("project isolation", () => {
  const B = { project: "other-project" };
  const C = { org: "other-org" };
  let exportOfA = "";

  beforeAll(async () => {
    // The same ids in other projects are other records: all created, none updated.
    const res = await api.ingest("teams", { items: TEAMS }, B);
    expect(await json(res)).toEqual({ received: 2, created: 2, updated: 0 });
    await ingestOk("teams", TEAMS, C);
    await ingestOk("teams", [{ id: "only-a", name: "Only in A", orgTree: "Solo", refId: 900 }]);
    exportOfA = (await create(exportBody("pay", { metricGroups: ["summary", "df"] }))).body.exportId;
  });

  it.each([
    ["another project", B],
    ["another org", C],
  ])("an export of project A polled or downloaded from %s → 404", async (_case, opts) => {
    expect((await api.poll(exportOfA)).status).toBe(200);
    expect((await api.poll(exportOfA, opts)).status).toBe(404);
    expect((await api.download(exportOfA, opts)).status).toBe(404);
  });

  it("an identical create in another project is a new job, not A's", async () => {
    const res = await create(exportBody("pay", { metricGroups: ["summary", "df"] }), B);
    expect(res.status).toBe(202);
    expect(res.body.exportId).not.toBe(exportOfA);
  });

  it("a team of A is unknown in B: export → 404, legacy report → 404", async () => {
    expect((await api.createExport(exportBody("only-a"))).status).toBe(202);
    expect((await api.createExport(exportBody("only-a"), B)).status).toBe(404);
    expect((await api.report({ dateStart: "2026-01-01", dateEnd: "2026-01-31", teamRefId: 900 }, B)).status).toBe(404);
  });

  it("deleting A's record leaves B's", async () => {
    await ingestOk("teams", [{ id: "twin", name: "Twin", orgTree: "T" }]);
    await ingestOk("teams", [{ id: "twin", name: "Twin", orgTree: "T" }], B);
    expect((await api.remove("teams", "twin")).status).toBe(200);
    expect((await api.remove("teams", "twin")).status).toBe(404);
    expect((await api.remove("teams", "twin", B)).status).toBe(200);
  });

  it("the legacy report resolves refIds in its own project only", async () => {
    const res = await api.report({ dateStart: "2026-01-01", dateEnd: "2026-01-31", teamRefId: PAYMENTS.refId }, B);
    expect(res.status).toBe(200);
    // B has the teams but none of A's deployments.
    expect(await res.text()).toContain(`${PAYMENTS.refId},Payments,Platform / Payments,,0.0000,,,`);
  });
});
