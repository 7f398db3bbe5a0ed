import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { createRowFeeder, parseCsvText } from "./feed";
import { teamRows } from "./model";

const HEAD = "Team_Id,Team_Name,Team_Hierarchy,Period,Start_Date,End_Date,LTTC_Median_Days,DF_Deployment_Count";
const ROWS = [
  "a,Alpha,Root / Alpha,2026-01,2026-01-01,2026-01-31,1.5,3",
  "a,Alpha,Root / Alpha,2026-02,2026-02-01,2026-02-28,,0",
];

describe("parseCsvText", () => {
  it("reads the header, skips blank lines and keeps each row's file line", () => {
    const m = parseCsvText(["\uFEFF" + HEAD, ROWS[0], "", ROWS[1], ""].join("\n"));
    expect(m.problems).toEqual([]);
    expect(m.metricColumns.lttc).toBe("LTTC_Median_Days");
    const rows = teamRows(m, m.teams[0]!);
    expect(
      rows.periods.map((p) => [p.period, p.line, p.values.LTTC_Median_Days, p.values.DF_Deployment_Count]),
    ).toEqual([
      ["2026-01", 2, 1.5, 3],
      ["2026-02", 4, null, 0],
    ]);
  });

  it("says an empty file is empty", () => {
    expect(parseCsvText(" \n").problems).toEqual(["The file is empty."]);
  });

  it("reports the parser's complaints at their line", () => {
    const m = parseCsvText([HEAD, ROWS[0], 'a,"Alpha,Root / Alpha,2026-02'].join("\n"));
    expect(m.problems.join(" ")).toMatch(/line 3/);
  });

  it("gives the same model as feeding the same text in chunks", () => {
    const text = [
      HEAD,
      ...ROWS,
      ROWS[0]!.replace("2026-01", "2026-03").replace("2026-01-01", "2026-03-01").replace("2026-01-31", "2026-03-31"),
    ].join("\n");
    const feeder = createRowFeeder();
    Papa.parse<string[]>(text, {
      header: false,
      chunkSize: 120,
      chunk: (r: Papa.ParseResult<string[]>) => void feeder.chunk(r),
      complete: () => {},
    });
    const chunked = feeder.finish();
    const whole = parseCsvText(text);
    expect(teamRows(chunked, chunked.teams[0]!)).toEqual(teamRows(whole, whole.teams[0]!));
    expect(chunked.rowCount).toBe(3);
  });
});
