import fs from "node:fs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { createModelBuilder, packTeamRows, teamRows, toExportModel, type CsvRow } from "./model";

function parse(text: string) {
  const r = Papa.parse<CsvRow>(text, { header: true, skipEmptyLines: true });
  const model = toExportModel(r.data, r.meta.fields ?? []);
  const teams = model.teams.map((t) => ({ ...t, ...teamRows(model, t) }));
  return { ...model, teams };
}

const HEAD =
  "Team_Id,Team_Name,Team_Hierarchy,Period,Start_Date,End_Date,LTTC_P90_Days,LTTC_Change_Count,DF_Deployment_Count,LTTC_Rating,OVERALL_RATING,Custom_Note";

describe("toExportModel", () => {
  it("groups rows per team in file order, sorts periods by start, and keeps TOTAL apart", () => {
    const m = parse(
      [
        HEAD,
        "b,Bravo,Root / Bravo,2026-02,2026-02-01,2026-02-28,2.5,4,7,High,High,x",
        "b,Bravo,Root / Bravo,2026-01,2026-01-01,2026-01-31,,0,0,,Low,",
        "b,Bravo,Root / Bravo,TOTAL,2026-01-01,2026-02-28,2.5,4,7,High,High,",
        "a,Alpha,Root / Alpha,2026-01,2026-01-01,2026-01-31,1,1,1,elite,Elite,y",
      ].join("\n"),
    );
    expect(m.teams.map((t) => t.id)).toEqual(["b", "a"]);
    const b = m.teams[0]!;
    expect(b.hierarchy).toEqual(["Root", "Bravo"]);
    expect(b.periods.map((p) => p.period)).toEqual(["2026-01", "2026-02"]);
    expect(b.total?.period).toBe("TOTAL");
    expect(b.periods[0]!.values.LTTC_P90_Days).toBeNull();
    expect(b.periods[0]!.values.DF_Deployment_Count).toBe(0);
    expect(b.periods[0]!.ratings.LTTC_Rating).toBeNull();
    expect(m.teams[1]!.periods[0]!.ratings.LTTC_Rating).toBe("Elite");
    expect(m.aggregation).toBe("p90");
    expect(m.metricColumns.lttc).toBe("LTTC_P90_Days");
    expect(m.unknownColumns).toEqual(["Custom_Note"]);
    expect(b.periods[1]!.extra.Custom_Note).toBe("x");
    expect(b.periods[0]!.extra.Custom_Note).toBeNull();
    expect(m.rowCount).toBe(4);
    expect(m.problems).toEqual([]);
  });

  it("names non-numeric cells with their lines, and reads them as no data", () => {
    const m = parse(
      [HEAD, "a,A,A,2026-01,,,abc,1,2,,,", "a,A,A,2026-02,,,1,n/a,2,,,", "a,A,A,2026-03,,,zz,1,2,Great,,"].join("\n"),
    );
    expect(m.teams[0]!.periods[0]!.values.LTTC_P90_Days).toBeNull();
    expect(m.problems).toEqual([
      "Column LTTC_P90_Days has values that are not numbers; they are shown as no data (lines 2, 4).",
      "Column LTTC_Change_Count has values that are not numbers; they are shown as no data (line 3).",
      "Column LTTC_Rating has values that are not Elite, High, Medium or Low; they are shown as no rating (line 4).",
    ]);
  });

  it("lists at most five lines of a kind and counts the rest", () => {
    const rows = Array.from({ length: 8 }, (_, i) => `a,A,A,2026-0${i + 1},,,bad,1,1,,,`);
    const [msg] = parse([HEAD, ...rows].join("\n")).problems;
    expect(msg).toMatch(/\(lines 2, 3, 4, 5, 6 and 3 more\)\.$/);
  });

  it.each([
    [
      "no Team_Id but Team_Name",
      "Team_Name,Period,DF_Deployment_Count\nA,2026-01,1\nB,2026-01,2",
      ["A", "B"],
      /grouped by Team_Name/,
    ],
    [
      "neither Team_Id nor Team_Name",
      "Period,DF_Deployment_Count\n2026-01,1\n2026-02,2",
      ["All rows"],
      /shown as one team/,
    ],
    ["no Period", "Team_Id,DF_Deployment_Count\na,1\na,2", ["a"], /no Period column/],
  ])("%s: still reads the rows and says so", (_name, csv, names, problem) => {
    const m = parse(csv);
    expect(m.teams.map((t) => t.name)).toEqual(names);
    expect(m.problems.join(" ")).toMatch(problem);
  });

  it.each([
    ["an empty file", "", /The file is empty/],
    ["a header only", "Team_Id,Period,DF_Deployment_Count\n", /header but no rows/],
    ["a text that is not a CSV", "hello there\nthis is prose", /does not look like a CSV export/],
    ["a CSV of something else", "name,age\nann,3", /No column of a Fourfold or Harness export/],
  ])("%s is explained, not thrown", (_name, csv, problem) => {
    expect(parse(csv).problems.join(" ")).toMatch(problem);
  });

  it("strips the formula-injection quote from text for display only when a formula character follows", () => {
    const m = parse(
      "Team_Id,Team_Name,Team_Hierarchy,Period,Note\nt,'=SUM(A1),'=SUM(A1) / Kid,2026-01,'@x\nu,'quoted,'quoted,2026-01,'plain",
    );
    expect(m.teams[0]!.name).toBe("=SUM(A1)");
    expect(m.teams[0]!.hierarchy).toEqual(["=SUM(A1)", "Kid"]);
    expect(m.teams[0]!.periods[0]!.extra.Note).toBe("@x");
    expect(m.teams[1]!.name).toBe("'quoted");
    expect(m.teams[1]!.periods[0]!.extra.Note).toBe("'plain");
  });

  it("reads the engine's own export: 12 teams, 6 months, a TOTAL each, no problems", () => {
    const m = parse(fs.readFileSync("e2e/fixtures/export-sample.csv", "utf8"));
    expect(m.problems).toEqual([]);
    expect(m.teams).toHaveLength(12);
    expect(m.teams.every((t) => t.periods.length === 6 && t.total !== null)).toBe(true);
    expect(m.unknownColumns).toEqual([]);
    expect(m.aggregation).toBe("median");
  });
});

describe("createModelBuilder", () => {
  it("takes rows as arrays, names rows of the wrong width, and keeps cells in typed arrays", () => {
    const b = createModelBuilder(["Team_Id", "Period", "DF_Deployment_Count", "DF_Rating"]);
    b.add(["t", "2026-01", "3", "Low"], 2);
    b.add(["t", "2026-02"], 3);
    b.add(["t", "2026-03", "", "", "extra"], 4);
    const m = b.finish();
    expect(m.problems).toEqual([
      "Some rows have fewer cells than the header; the missing cells are read as empty (line 3).",
      "Some rows have more cells than the header; the extra cells are ignored (line 4).",
    ]);
    expect(Array.from(m.cells.numbers)).toEqual([3, NaN, NaN]);
    expect(Array.from(m.cells.ratings)).toEqual([4, 0, 0]);
    expect(
      teamRows(m, m.teams[0]!).periods.map((p) => [
        p.period,
        p.values.DF_Deployment_Count,
        p.ratings.DF_Rating,
        p.line,
      ]),
    ).toEqual([
      ["2026-01", 3, "Low", 2],
      ["2026-02", null, null, 3],
      ["2026-03", null, null, 4],
    ]);
  });
});

describe("packTeamRows", () => {
  it("puts every team's rows in one buffer, as views that read as before", () => {
    const builder = createModelBuilder(["Team_Id", "Period", "Start_Date", "LTTC_Mean_Days"]);
    const lines = [
      ["a", "2026-02", "2026-02-01", "2"],
      ["b", "2026-01", "2026-01-01", "3"],
      ["a", "2026-01", "2026-01-01", "1"],
      ["a", "TOTAL", "2026-01-01", "1.5"],
      ["c", "2026-01", "2026-01-01", ""],
    ];
    lines.forEach((cells, i) => builder.add(cells, i + 2));
    const model = builder.finish();
    const before = model.teams.map((t) => [...t.rows]);
    const periods = model.teams.map((t) => teamRows(model, t).periods);

    const buffer = packTeamRows(model.teams);

    expect(before).toEqual([[2, 0], [1], [4]]);
    expect(buffer.byteLength).toBe(4 * 4);
    expect(model.teams.map((t) => [...t.rows])).toEqual(before);
    for (const t of model.teams) expect((t.rows as Uint32Array).buffer).toBe(buffer);
    expect(model.teams.map((t) => teamRows(model, t).periods)).toEqual(periods);
    expect(teamRows(model, model.teams[0]!).total?.values.LTTC_Mean_Days).toBe(1.5);
  });

  it("packs no teams into an empty buffer", () => {
    expect(packTeamRows([]).byteLength).toBe(0);
  });
});
