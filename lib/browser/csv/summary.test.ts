import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { defaultBenchmarkSet } from "@/lib/dora/benchmarks";
import { teamRows, toExportModel, type CsvRow } from "./model";
import { toTeamSeries } from "./series";
import { changeFrom, summarise, weightedMean } from "./summary";

function model(lines: string[]) {
  const r = Papa.parse<CsvRow>(lines.join("\n"), { header: true, skipEmptyLines: true });
  const model = toExportModel(r.data, r.meta.fields ?? []);
  return { ...model, teams: model.teams.map((t) => teamRows(model, t)) };
}

const HEAD =
  "Team_Id,Period,Start_Date,End_Date,LTTC_Mean_Days,LTTC_Change_Count,DF_Deployment_Count,CFR_Total_Success,CFR_Total_Failures,MTTR_Mean_Days,MTTR_Incident_Count";
const sei = defaultBenchmarkSet();

describe("summarise", () => {
  it("rolls up the periods when there is no TOTAL row, weighting durations by their counts", () => {
    const m = model([
      HEAD,
      "t,2026-01,2026-01-01,2026-01-10,2,1,10,8,2,0.5,1",
      "t,2026-02,2026-02-01,2026-02-10,8,3,5,5,0,,0",
      "t,2026-03,2026-03-01,2026-03-10,,,,,,,",
    ]);
    const s = summarise(m.teams[0]!, m, sei);
    expect(s.source).toBe("periods");
    expect(s.LTTC).toEqual({ value: 6.5, rating: "High", sample: 4 });
    expect(s.DF).toEqual({ value: 0.5, rating: "High", sample: 15 });
    expect(s.CFR).toEqual({ value: 100 * (2 / 15), rating: "Elite", sample: 15, failures: 2 });
    expect(s.MTTR).toEqual({ value: 0.5, rating: "High", sample: 1 });
    expect(s.overall).toBe("High");
  });

  it("takes the TOTAL row and its ratings as the export wrote them", () => {
    const m = model([
      `${HEAD},LTTC_Rating,OVERALL_RATING`,
      "t,2026-01,2026-01-01,2026-01-31,40,1,1,1,0,,0,Medium,Medium",
      "t,TOTAL,2026-01-01,2026-01-31,40,1,1,1,0,,0,Medium,Medium",
    ]);
    const s = summarise(m.teams[0]!, m, sei);
    expect(s.source).toBe("total");
    expect(s.LTTC.rating).toBe("Medium"); // the set would say Low: the file wins
    expect(s.DF.value).toBeCloseTo(1 / 31);
    expect(s.MTTR).toEqual({ value: null, rating: null, sample: 0 });
    expect(s.overall).toBe("Medium");
  });
});

describe("the newer metrics: failed deployment recovery time and rework", () => {
  const NEWER = `${HEAD},FDRT_Mean_Days,FDRT_Failure_Count,REWORK_Deployment_Count,REWORK_Percent`;

  it("are null when the file has no columns of theirs (a Harness export)", () => {
    const m = model([HEAD, "t,2026-01,2026-01-01,2026-01-10,2,1,10,8,2,0.5,1"]);
    const s = summarise(m.teams[0]!, m, sei);
    expect(s.FDRT).toBeNull();
    expect(s.REWORK).toBeNull();
    const series = toTeamSeries(m.teams[0]!, m.metricColumns);
    expect(series.has).toMatchObject({ fdrt: false, rework: false });
  });

  it("roll up the periods: FDRT weighted by recovered failures and rated with the MTTR bounds, rework over DF's deployments", () => {
    const m = model([
      NEWER,
      "t,2026-01,2026-01-01,2026-01-10,2,1,10,8,2,0.5,1,0.5,1,2,20",
      "t,2026-02,2026-02-01,2026-02-10,8,3,5,5,0,,0,2,3,0,0",
      "t,2026-03,2026-03-01,2026-03-10,,,,,,,,,,,",
    ]);
    const s = summarise(m.teams[0]!, m, sei);
    expect(s.FDRT).toEqual({ value: (0.5 + 2 * 3) / 4, rating: "Medium", sample: 4 });
    expect(s.REWORK).toEqual({ value: (100 * 2) / 15, sample: 15, rework: 2 });
    // OVERALL stays over the four keys: as without the newer columns.
    expect(s.overall).toBe("High");
  });

  it("take the TOTAL row and its FDRT_Rating as the export wrote them", () => {
    const m = model([
      `${NEWER},FDRT_Rating`,
      "t,2026-01,2026-01-01,2026-01-31,40,1,4,3,1,,0,0.01,1,1,25,Elite",
      "t,TOTAL,2026-01-01,2026-01-31,40,1,4,3,1,,0,0.01,1,1,25,High",
    ]);
    const s = summarise(m.teams[0]!, m, sei);
    expect(s.FDRT).toEqual({ value: 0.01, rating: "High", sample: 1 });
    expect(s.REWORK).toEqual({ value: 25, sample: 4, rework: 1 });
  });

  it("chart per period, an empty cell a gap and never 0", () => {
    const m = model([
      NEWER,
      "t,2026-01,2026-01-01,2026-01-31,,,4,,,,,1.5,2,1,25",
      "t,2026-02,2026-02-01,2026-02-28,,,0,,,,,,0,0,",
    ]);
    const series = toTeamSeries(m.teams[0]!, m.metricColumns);
    expect(series.has).toMatchObject({ fdrt: true, rework: true });
    expect(series.fdrt.map((p) => [p.period, p.days, p.failures])).toEqual([
      ["2026-01", 1.5, 2],
      ["2026-02", null, 0],
    ]);
    expect(series.rework.map((p) => [p.period, p.percent, p.rework, p.deployments])).toEqual([
      ["2026-01", 25, 1, 4],
      ["2026-02", null, 0, 0],
    ]);
  });
});

describe("weightedMean", () => {
  it.each([
    [
      [
        [2, 1],
        [8, 3],
      ],
      { value: 6.5, weight: 4 },
    ],
    [
      [
        [null, 2],
        [4, null],
      ],
      { value: null, weight: 2 },
    ],
    [[[1, 0]], { value: null, weight: 0 }],
    [[], { value: null, weight: null }],
  ] as const)("%j", (pairs, expected) => {
    expect(weightedMean(pairs as unknown as [number | null, number | null][])).toEqual(expected);
  });
});

describe("changeFrom", () => {
  it.each([
    [5, 10, "lower", { percent: -50, improved: true }],
    [15, 10, "lower", { percent: 50, improved: false }],
    [15, 10, "higher", { percent: 50, improved: true }],
    [10, 10, "higher", { percent: 0, improved: null }],
    [10, 0, "higher", null],
    [null, 10, "higher", null],
    [10, undefined, "lower", null],
  ] as const)("%s from %s (%s is better)", (cur, prev, dir, expected) => {
    expect(changeFrom(cur, prev, dir)).toEqual(expected);
  });
});

describe("toTeamSeries", () => {
  it("keeps missing figures as null and derives CFR from success and failures", () => {
    const m = model([
      HEAD,
      "t,2026-01,2026-01-01,2026-01-31,2,1,10,8,2,0.5,1",
      "t,2026-02,2026-02-01,2026-02-28,,,,0,0,,",
    ]);
    const s = toTeamSeries(m.teams[0]!, m.metricColumns);
    expect(s.lttc.map((p) => p.LTTC)).toEqual([2, null]);
    expect(s.lttc[0]!.PLANNING).toBeNull();
    expect(s.df.map((p) => [p.deployments, p.days])).toEqual([
      [10, 31],
      [null, 28],
    ]);
    expect(s.cfr.map((p) => [p.percent, p.failures, p.total])).toEqual([
      [20, 2, 10],
      [null, 0, 0],
    ]);
    expect(s.mttr.map((p) => p.days)).toEqual([0.5, null]);
    expect(s.has).toEqual({ lttc: true, df: true, cfr: true, mttr: true, fdrt: false, rework: false });
  });
});
