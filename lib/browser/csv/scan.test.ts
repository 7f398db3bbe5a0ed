import fs from "node:fs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { createRowFeeder, parseCsv } from "./feed";
import { teamRows, type ParsedExport } from "./model";
import { fastReadable, TextRow } from "./scan";

/** The model as papaparse alone reads it (the reader used before the fast one, and still for quoted files). */
function byPapaparse(text: string): ParsedExport {
  const feeder = createRowFeeder();
  feeder.chunk(Papa.parse<string[]>(text, { header: false }));
  return feeder.finish();
}

/** Everything a model says, in plain values. */
function plain(m: ParsedExport) {
  return {
    columns: m.columns,
    metricColumns: m.metricColumns,
    ratingColumns: m.ratingColumns,
    aggregation: m.aggregation,
    rowCount: m.rowCount,
    problems: m.problems,
    teams: m.teams.map((t) => ({ ...t, rows: [...t.rows], ...teamRows(m, t) })),
    numbers: [...m.cells.numbers],
    ratings: [...m.cells.ratings],
    lines: [...m.cells.lines],
  };
}

const HEAD =
  "Team_Id,Team_Ref_Id,Team_Name,Parent_Team_Id,Team_Hierarchy,Period,Start_Date,End_Date,LTTC_Median_Days,DF_Deployment_Count,CFR_Percent,LTTC_Rating,OVERALL_RATING,Note";

describe("the fast reader reads as papaparse does", () => {
  it.each([
    ["the engine's sample export", fs.readFileSync("e2e/fixtures/export-sample.csv", "utf8")],
    [
      "CRLF line ends, blank lines and no final line end",
      [HEAD, "a,1,A,,A,2026-01,2026-01-01,2026-01-31,1.5,3,10,High,High,x", "", "a,1,A,,A,TOTAL,,,2,4,5,,,"].join(
        "\r\n",
      ),
    ],
    [
      "cells that need the slow path: spaces, exponents, hex, signs, too many digits, words",
      [
        HEAD,
        "a,1,A,,A,2026-01,2026-01-01,2026-01-31, 1.5 ,1e3,-0.25,elite, High ,n",
        "a,1,A,,A,2026-02,2026-02-01,2026-02-28,0x10,+4,.5,Bad,low,n",
        "a,1,A,,A,2026-03,2026-03-01,2026-03-31,1234567890123456.5,12345678901234567,Infinity,MEDIUM,,n",
        "a,1,A,,A,2026-04,2026-04-01,2026-04-30,1.,-,abc,Medium,Elite,n",
        "a,1,A,,A,2026-05,2026-05-01,2026-05-31,-0,007,1.2.3,Low,Low,n",
        "a,1,A,,A, total ,2026-01-01,2026-05-31,2,3,4,High,High,n",
      ].join("\n"),
    ],
    [
      "rows too short and too long, empty team ids, teams that come back",
      [
        HEAD,
        "a,1,A,,A,2026-01,2026-01-01",
        "b,2,B,a,A / B,2026-01,2026-01-01,2026-01-31,1,2,3,Low,Low,n,extra,more",
        ",,,,,2026-01,2026-01-01,2026-01-31,1,2,3,Low,Low,n",
        ",,,,,2026-02,2026-02-01,2026-02-28,1,2,3,Low,Low,n",
        "a,1,A,,A,2026-02,2026-02-01,2026-02-28,4,5,6,Elite,Elite,n",
        " a,1,A,,A,2026-03,2026-03-01,2026-03-31,4,5,6,Elite,Elite,n",
        " ",
      ].join("\n"),
    ],
    [
      "formula-injection quotes",
      "Team_Id,Team_Name,Team_Hierarchy,Period,Note\nt,'=SUM(A1),'=SUM(A1) / Kid,2026-01,'@x",
    ],
    ["a header only", "Team_Id,Period,DF_Deployment_Count\n"],
    ["no Team_Id", "Team_Name,Period,DF_Deployment_Count\nA,2026-01,1\nB,2026-01,2\nA,2026-02,3"],
    ["neither Team_Id nor Team_Name", "Period,DF_Deployment_Count\n2026-01,1\n2026-02,2"],
    ["a byte-order mark", "\uFEFFTeam_Id,Period,DF_Deployment_Count\na,2026-01,1"],
  ])("%s", (_name, text) => {
    expect(fastReadable(text)).toBe(true);
    expect(plain(parseCsv(text))).toEqual(plain(byPapaparse(text)));
  });

  it("reads numbers exactly as Number() does, digit for digit", () => {
    const row = new TextRow();
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    for (let i = 0; i < 20_000; i++) {
      const text = ((random() - 0.3) * 10 ** Math.floor(random() * 8)).toFixed(Math.floor(random() * 9));
      row.set(text, 0, text.length);
      expect(Object.is(row.number(0), Number(text)), text).toBe(true);
    }
  });
});

describe("fastReadable", () => {
  it.each([
    ["plain commas and \\n", "a,b\n1,2\n", true],
    ["\\r\\n", "a,b\r\n1,2\r\n", true],
    ["a quoted cell", 'a,b\n"x, y",2\n', false],
    ["a lone \\r", "a,b\r1,2", false],
  ])("%s → %s", (_name, text, want) => {
    expect(fastReadable(text)).toBe(want);
  });

  it("a text papaparse reads with another separator goes to papaparse", () => {
    const m = parseCsv("Team_Id;Period;DF_Deployment_Count\na;2026-01;3\na;2026-02;4");
    expect(m.metricColumns.dfCount).toBe("DF_Deployment_Count");
    expect(teamRows(m, m.teams[0]!).periods.map((p) => p.values.DF_Deployment_Count)).toEqual([3, 4]);
  });

  it("a quoted file is read by papaparse, quotes and all", () => {
    const m = parseCsv('Team_Id,Team_Name,Period,DF_Deployment_Count\na,"Alpha, Inc",2026-01,3');
    expect(m.teams[0]!.name).toBe("Alpha, Inc");
  });
});

describe("progress", () => {
  it("is heard on the way through a long text, and ends below 1", () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `t${i % 7},2026-01,${i}`);
    const text = ["Team_Id,Period,DF_Deployment_Count", ...rows].join("\n");
    const heard: number[] = [];
    const m = parseCsv(text, (fraction) => heard.push(fraction));
    expect(m.rowCount).toBe(20_000);
    expect(heard.length).toBeGreaterThanOrEqual(4);
    expect(heard).toEqual([...heard].sort((a, b) => a - b));
    expect(Math.max(...heard)).toBeLessThan(1);
  });
});
