// POST /v2/insights/efficiency/exports: the validation rules of spec §5, body parsing (§1) and 404s.
import { beforeAll, describe, expect, it } from "vitest";
import {
  HARNESS_DOC_ORG,
  HARNESS_DOC_PROJECT,
  ORG_TREE_EXPORT_BODY,
  TEAM_EXPORT_BODY,
} from "@/lib/dora/fixtures/harness-doc-bodies";
import { ingestDataset, ORG_TREE } from "./dataset";
import { api, exportBody, ingestOk, json, setupEngine, type ErrorBody } from "./helpers";

const runtime = setupEngine({ jobs: false });

beforeAll(async () => {
  await ingestDataset();
});

const jobCount = async () => {
  const { db } = await runtime();
  return Number(
    (
      await db
        .selectFrom("export_jobs")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
};

const range = (start: string, end: string) => ({ dateRange: { start, end } });

// [case, body, the fields `details` must name]
const INVALID: [string, Record<string, unknown>, string[]][] = [
  [
    "both teamId and orgTreeName",
    exportBody("pay", { scope: { teamId: "pay", orgTreeName: ORG_TREE, orgIdentifier: "acme" } }),
    ["scope"],
  ],
  ["neither teamId nor orgTreeName", exportBody("pay", { scope: {} }), ["scope"]],
  [
    "orgTreeName without scope.orgIdentifier",
    exportBody("pay", { scope: { orgTreeName: ORG_TREE } }),
    ["scope.orgIdentifier"],
  ],
  [
    "scope.orgIdentifier other than the query's",
    exportBody("pay", { scope: { orgTreeName: ORG_TREE, orgIdentifier: "other" } }),
    ["scope.orgIdentifier"],
  ],
  ["an unreal date 2026-02-30", exportBody("pay", range("2026-02-01", "2026-02-30")), ["dateRange.end"]],
  ["a date not yyyy-MM-dd", exportBody("pay", range("2026-1-01", "2026-02-01")), ["dateRange.start"]],
  ["start after end", exportBody("pay", range("2026-02-02", "2026-02-01")), ["dateRange.end"]],
  ["1,097 days apart", exportBody("pay", range("2024-01-01", "2027-01-02")), ["dateRange.end"]],
  ["no dateRange", exportBody("pay", { dateRange: undefined }), ["dateRange"]],
  ["empty metricGroups", exportBody("pay", { metricGroups: [] }), ["metricGroups"]],
  ["an unknown group", exportBody("pay", { metricGroups: ["lttc", "velocity"] }), ["metricGroups[1]"]],
  ["no granularity", exportBody("pay", { options: { aggregation: "mean" } }), ["options.granularity"]],
  ["no options at all", exportBody("pay", { options: undefined }), ["options.granularity"]],
  ["an unknown granularity", exportBody("pay", { options: { granularity: "DAILY" } }), ["options.granularity"]],
  [
    "an unknown aggregation",
    exportBody("pay", { options: { granularity: "WEEKLY", aggregation: "p99" } }),
    ["options.aggregation"],
  ],
  [
    "an unknown compression",
    exportBody("pay", { options: { granularity: "WEEKLY", compression: "zip" } }),
    ["options.compression"],
  ],
  [
    "a format other than csv",
    exportBody("pay", { options: { granularity: "WEEKLY", format: "json" } }),
    ["options.format"],
  ],
  [
    "a time zone that is not IANA",
    exportBody("pay", { options: { granularity: "WEEKLY", timezone: "Mars/Olympus" } }),
    ["options.timezone"],
  ],
  [
    "an unknown benchmark set",
    exportBody("pay", { options: { granularity: "WEEKLY", benchmark: "nope" } }),
    ["options.benchmark"],
  ],
  [
    "a metric column the groups do not produce",
    exportBody("pay", { metricGroups: ["lttc"], metrics: ["LTTC_Mean_Days", "MTTR_Mean_Days"] }),
    ["metrics[1]"],
  ],
  ["a metric column of another aggregation", exportBody("pay", { metrics: ["LTTC_Median_Days"] }), ["metrics[0]"]],
  ["an unknown field", exportBody("pay", { extra: 1 }), ["extra"]],
  [
    "several problems at once, each named",
    { scope: {}, dateRange: { start: "2026-02-30", end: "2026-01-01" }, metricGroups: [], options: {} },
    ["scope", "dateRange.start", "metricGroups", "options.granularity"],
  ],
];

describe("POST /v2/insights/efficiency/exports – validation → 400 INVALID_ARGUMENT", () => {
  it.each(INVALID)("%s", async (_case, body, fields) => {
    const before = await jobCount();
    const res = await api.createExport(body);
    expect(res.status).toBe(400);
    const err = await json<ErrorBody>(res);
    expect(err.code).toBe("INVALID_ARGUMENT");
    expect(err.details?.map((d) => d.field)).toEqual(expect.arrayContaining(fields));
    expect(await jobCount()).toBe(before);
  });

  it.each([
    ["not JSON", "scope=pay"],
    ["truncated JSON", '{"scope": {"teamId": "pay"}'],
    ["an empty body", ""],
    ["JSON5-style unquoted keys", '{scope: {teamId: "pay"}}'],
    ["a JSON array", "[]"],
  ])("a body that is %s → 400", async (_case, text) => {
    const res = await api.createExport(text);
    expect(res.status).toBe(400);
    expect(await json<ErrorBody>(res)).toMatchObject({ code: "INVALID_ARGUMENT" });
  });
});

describe("POST /v2/insights/efficiency/exports – accepted bodies", () => {
  it("exactly 1,096 days apart → 202", async () => {
    expect((await api.createExport(exportBody("pay", range("2024-01-01", "2027-01-01")))).status).toBe(202);
  });

  it("enum values in any case (weekly, MEDIAN, GZIP, Csv, Df, LTTC) → 202", async () => {
    const res = await api.createExport(
      exportBody("pay", {
        metricGroups: ["LTTC", "Df"],
        metrics: ["lttc_median_days", "DF_PER_DAY"],
        options: {
          granularity: "weekly",
          aggregation: "MEDIAN",
          compression: "GZIP",
          format: "Csv",
          timezone: "europe/paris",
          benchmark: "SEI",
        },
      }),
    );
    expect(res.status).toBe(202);
  });

  it("JSON with // and /* */ comments and trailing commas → 202", async () => {
    const text = `{
      // which team
      "scope": {"teamId": "pay",},
      /* the range */
      "dateRange": {"start": "2026-01-01", "end": "2026-01-31",},
      "metricGroups": ["cfr", "mttr",],
      "options": {"granularity": "QUARTERLY",},
    }`;
    const res = await api.createExport(text);
    expect(res.status).toBe(202);
    expect(await json(res)).toMatchObject({ status: "QUEUED", message: "Export job created successfully" });
  });

  it("a 202 answer has an exp_ id of 10 upper-case base36 characters and an ISO createdAt", async () => {
    const res = await api.createExport(exportBody("plat", { metricGroups: ["mttr"] }));
    expect(res.status).toBe(202);
    const body = await json<{ exportId: string; createdAt: string }>(res);
    expect(body.exportId).toMatch(/^exp_[0-9A-Z]{10}$/);
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
  });
});

describe("POST /v2/insights/efficiency/exports – unknown scope → 404", () => {
  it("an unknown team → 404 NOT_FOUND", async () => {
    const res = await api.createExport(exportBody("ghost"));
    expect(res.status).toBe(404);
    expect(await json<ErrorBody>(res)).toMatchObject({ code: "NOT_FOUND" });
  });

  it("an unknown org tree → 404 NOT_FOUND", async () => {
    const res = await api.createExport(exportBody("x", { scope: { orgTreeName: "Nowhere", orgIdentifier: "acme" } }));
    expect(res.status).toBe(404);
    expect(await json<ErrorBody>(res)).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the Harness documentation's bodies, sent verbatim", () => {
  const opts = { org: HARNESS_DOC_ORG, project: HARNESS_DOC_PROJECT };

  beforeAll(async () => {
    await ingestOk(
      "teams",
      [
        { id: "eng", name: "Engineering root", orgTree: "Engineering" },
        { id: "team_a", name: "Team A", orgTree: "Engineering", parentId: "eng" },
      ],
      opts,
    );
  });

  it.each([
    ["the teamId body", TEAM_EXPORT_BODY],
    ["the orgTreeName body", ORG_TREE_EXPORT_BODY],
  ])("%s → 202", async (_name, text) => {
    const res = await api.createExport(text, opts);
    expect(res.status).toBe(202);
    expect(await json(res)).toMatchObject({ status: "QUEUED", message: "Export job created successfully" });
  });
});
