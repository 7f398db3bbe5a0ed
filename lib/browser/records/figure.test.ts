import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { defaultBenchmarkSet } from "@/lib/dora/benchmarks";
import { teamRows, toExportModel, type CsvRow } from "../csv/model";
import { toTeamSeries } from "../csv/series";
import { summarise } from "../csv/summary";
import { figureSentence } from "./figure";

const csv = [
  "Team_Id,Period,Start_Date,End_Date,LTTC_Median_Days,LTTC_Change_Count,DF_Deployment_Count,DF_Per_Day,CFR_Total_Success,CFR_Total_Failures,CFR_Percent,FDRT_Median_Days,FDRT_Failure_Count",
  "t,2026-01,2026-01-01,2026-01-31,4.2,42,31,1,27,4,12.9,0.5,1",
  "t,TOTAL,2026-01-01,2026-01-31,4.2,42,31,1,27,4,12.9,0.5,1",
];
const parsed = Papa.parse<CsvRow>(csv.join("\n"), { header: true });
const model = toExportModel(parsed.data, parsed.meta.fields ?? []);
const rows = teamRows(model, model.teams[0]!);
const series = toTeamSeries(rows, model.metricColumns);
const summary = summarise(rows, model, defaultBenchmarkSet());

describe("figureSentence", () => {
  it.each([
    ["lttc", "2026-01", "The export's figure for this period: Median lead time 4.2 days over 42 changes."],
    ["df", "2026-01", "The export's figure for this period: 31 deployments, 1/day."],
    ["cfr", "all", "The export's figure over the range: 12.9% failed, 4 of 31 deployments."],
    ["fdrt", "all", "The export's figure over the range: Median recovery time 12 h over 1 failed deployment."],
  ] as const)("%s %s", (metric, period, text) =>
    expect(figureSentence(metric, period, series, summary, model.aggregation)).toBe(text),
  );

  it("is null where the export has no such figure: rework here, or a period it lacks", () => {
    expect(figureSentence("rework", "2026-01", series, summary, model.aggregation)).toBeNull();
    expect(figureSentence("rework", "all", series, summary, model.aggregation)).toBeNull();
    expect(figureSentence("lttc", "2026-02", series, summary, model.aggregation)).toBeNull();
  });
});
