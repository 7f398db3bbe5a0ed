import { describe, expect, it } from "vitest";
import { parseJsonc } from "../jsonc";
import {
  LEGACY_METRICS,
  parseLegacyReportRequest,
  type LegacyReportQuery,
  type LegacyReportRequest,
} from "./legacy-report";

type Body = Record<string, unknown>;
const QUERY: LegacyReportQuery = { format: "csv", projectIdentifier: "proj" };
const base = (): Body => ({ dateStart: "2026-01-01", dateEnd: "2026-03-31", teamRefId: 123 });
const change = (patch: Body): Body => ({ ...base(), ...patch });
const efficiency = (eff: Body): Body => change({ efficiency: eff });

function fieldsOf(body: unknown, query = QUERY): string[] {
  const result = parseLegacyReportRequest(query, body);
  return result.ok ? [] : result.details.map((d) => d.field);
}

function requestOf(body: unknown, query = QUERY): LegacyReportRequest {
  const result = parseLegacyReportRequest(query, body);
  if (!result.ok) throw new Error(JSON.stringify(result.details));
  return result.request;
}

describe("parseLegacyReportRequest – one rule per case", () => {
  it.each<[string, LegacyReportQuery, unknown, string[]]>([
    ["format other than csv", { ...QUERY, format: "json" }, base(), ["format"]],
    ["projectIdentifier missing", { format: "csv" }, base(), ["projectIdentifier"]],
    ["projectIdentifier null", { format: "csv", projectIdentifier: null }, base(), ["projectIdentifier"]],
    ["projectIdentifier blank", { format: "csv", projectIdentifier: " " }, base(), ["projectIdentifier"]],
    ["body not an object", QUERY, "x", ["body"]],
    ["dateStart missing", QUERY, change({ dateStart: undefined }), ["dateStart"]],
    ["dateEnd not a calendar date", QUERY, change({ dateEnd: "2026-02-30" }), ["dateEnd"]],
    ["dateStart not yyyy-MM-dd", QUERY, change({ dateStart: "01/01/2026" }), ["dateStart"]],
    ["dateEnd before dateStart", QUERY, change({ dateEnd: "2025-12-31" }), ["dateEnd"]],
    ["1,097 days apart", QUERY, change({ dateStart: "2024-01-01", dateEnd: "2027-01-02" }), ["dateEnd"]],
    ["teamRefId missing", QUERY, change({ teamRefId: undefined }), ["teamRefId"]],
    ["teamRefId as a string", QUERY, change({ teamRefId: "123" }), ["teamRefId"]],
    ["teamRefId not an integer", QUERY, change({ teamRefId: 1.5 }), ["teamRefId"]],
    ["granularity unknown", QUERY, change({ granularity: "quarterly" }), ["granularity"]],
    [
      "a metric unknown",
      QUERY,
      efficiency({ metrics: ["LEAD_TIME_FOR_CHANGES", "PR_VELOCITY"] }),
      ["efficiency.metrics[1]"],
    ],
    ["metrics not a list", QUERY, efficiency({ metrics: "OVERALL_DORA" }), ["efficiency.metrics"]],
    ["calculationType unknown", QUERY, efficiency({ calculationType: "MODE" }), ["efficiency.calculationType"]],
    ["unknown field", QUERY, change({ teamRefIds: [1] }), ["teamRefIds"]],
    ["unknown efficiency field", QUERY, efficiency({ metric: [] }), ["efficiency.metric"]],
    ["productivity metrics", QUERY, change({ productivity: { metrics: ["PR_VELOCITY_PER_DEV"] } }), ["productivity"]],
  ])("%s", (_name, query, body, fields) => {
    expect(fieldsOf(body, query)).toEqual(fields);
  });

  it("names every problem at once, query first", () => {
    const fields = fieldsOf(
      { dateStart: "2026-01-32", teamRefId: "x", granularity: "yearly", extra: 1 },
      { format: "xlsx" },
    );
    expect(fields).toEqual([
      "format",
      "projectIdentifier",
      "dateStart",
      "dateEnd",
      "teamRefId",
      "granularity",
      "extra",
    ]);
  });

  it("checks the range despite other problems", () => {
    expect(fieldsOf(change({ dateEnd: "2025-12-31", teamRefId: "x" }))).toEqual(["teamRefId", "dateEnd"]);
  });

  it("reads plainly", () => {
    expect(parseLegacyReportRequest({ ...QUERY, format: "json" }, change({ teamRefId: 1.5 }))).toEqual({
      ok: false,
      details: [
        { field: "format", message: "must be csv" },
        { field: "teamRefId", message: "must be an integer" },
      ],
    });
  });
});

describe("parseLegacyReportRequest – accepted and normalised", () => {
  it("fills the defaults: weekly, MEAN, all five metrics", () => {
    expect(requestOf(base())).toEqual({
      teamRefId: 123,
      dateStart: "2026-01-01",
      dateEnd: "2026-03-31",
      granularity: "weekly",
      metrics: [...LEGACY_METRICS],
      calculationType: "MEAN",
    } satisfies LegacyReportRequest);
  });

  it.each<[string, LegacyReportQuery]>([
    ["format absent", { projectIdentifier: "proj" }],
    ["format null", { format: null, projectIdentifier: "proj" }],
    ["format in upper case", { format: "CSV", projectIdentifier: "proj" }],
  ])("takes %s as csv", (_name, query) => {
    expect(parseLegacyReportRequest(query, base()).ok).toBe(true);
  });

  it.each<[string, unknown, string[]]>([
    ["an empty list means all five", [], [...LEGACY_METRICS]],
    ["null means all five", null, [...LEGACY_METRICS]],
    [
      "any case, de-duplicated, in spec order",
      ["overall_dora", "Lead_Time_For_Changes", "OVERALL_DORA", "change_failure_rate"],
      ["LEAD_TIME_FOR_CHANGES", "CHANGE_FAILURE_RATE", "OVERALL_DORA"],
    ],
  ])("metrics: %s", (_name, metrics, expected) => {
    expect(requestOf(efficiency({ metrics })).metrics).toEqual(expected);
  });

  it.each([
    ["granularity", change({ granularity: "MONTHLY" }), { granularity: "monthly" }],
    ["calculationType", efficiency({ calculationType: "p90" }), { calculationType: "P90" }],
  ])("reads %s in any case", (_name, body, expected) => {
    expect(requestOf(body)).toMatchObject(expected);
  });

  it("accepts exactly 1,096 days", () => {
    expect(requestOf(change({ dateStart: "2024-01-01", dateEnd: "2027-01-01" })).dateEnd).toBe("2027-01-01");
  });

  it("takes the documentation's body with comments and trailing commas", () => {
    const json = parseJsonc(`{
      "dateStart": "2024-01-01", // inclusive
      "dateEnd": "2024-12-31",
      "teamRefId": 123,
      "granularity": "weekly",
      "efficiency": {"metrics": ["LEAD_TIME_FOR_CHANGES", "DEPLOYMENT_FREQUENCY",], "calculationType": "MEAN"},
    }`);
    expect(json.ok && requestOf(json.value)).toEqual({
      teamRefId: 123,
      dateStart: "2024-01-01",
      dateEnd: "2024-12-31",
      granularity: "weekly",
      metrics: ["LEAD_TIME_FOR_CHANGES", "DEPLOYMENT_FREQUENCY"],
      calculationType: "MEAN",
    });
  });
});
