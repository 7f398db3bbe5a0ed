import { describe, expect, it } from "vitest";
import {
  csvCell,
  csvHeaderLine,
  csvRowLine,
  escapeText,
  exportCsvChunks,
  exportCsvText,
  formatNumber,
  quoteField,
} from "./csv";
import type { ExportResult, ExportRow } from "./figures/types";

describe("formatNumber", () => {
  it.each([
    ["LTTC_Mean_Days", 1.234567, "1.2346"],
    ["PLANNING_P95_Days", 0, "0.0000"],
    ["CFR_Percent", 33.33333, "33.33"],
    ["PERCENTAGE_PR_ASSOCIATED", 100, "100.00"],
    ["DF_Per_Day", 1 / 7, "0.1429"],
    ["DF_Deployment_Count", 12, "12"],
    ["CFR_Total_Failures", 0, "0"],
    ["Team_Ref_Id", 42, "42"],
    ["MTTR_Median_Days", -0.5, "-0.5000"],
    ["LTTC_Mean_Days", null, ""],
    ["LTTC_Mean_Days", Number.NaN, ""],
  ] as const)("%s %d → %s", (column, value, text) => {
    expect(formatNumber(column, value)).toBe(text);
  });
});

describe("escapeText (formula injection)", () => {
  it.each([
    ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
    ["+1", "'+1"],
    ["-1+2", "'-1+2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    [" =1", "' =1"],
    ["=1\nx", "'=1\nx"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ["  \t@x", "'  \t@x"],
    ["Payments", "Payments"],
    ["a=b", "a=b"],
    ["", ""],
    ["2026-W01", "2026-W01"],
  ])("%j → %j", (text, escaped) => {
    expect(escapeText(text)).toBe(escaped);
  });
});

describe("quoteField (RFC 4180)", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rhere", '"cr\rhere"'],
    ["", ""],
  ])("%j → %j", (field, quoted) => {
    expect(quoteField(field)).toBe(quoted);
  });
});

describe("csvCell", () => {
  it.each([
    ["Team_Name", '=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ["Team_Name", "=1\nx", `"'=1\nx"`],
    ["Team_Name", "-1,2", `"'-1,2"`],
    ["Parent_Team_Id", null, ""],
    ["CFR_Percent", null, ""],
    ["MTTR_Mean_Days", -1, "-1.0000"], // a negative number is never a text cell
    ["OVERALL_RATING", "Elite", "Elite"],
  ] as const)("%s %j → %j", (column, value, text) => {
    expect(csvCell(column, value)).toBe(text);
  });
});

const row = (teamName: string, period: string, cfr: number | null): ExportRow => ({
  teamId: "t1",
  teamRefId: 7,
  teamName,
  parentTeamId: null,
  hierarchy: teamName,
  orgTree: "Eng",
  period,
  startDate: "2026-01-05",
  endDate: "2026-01-11",
  values: { CFR_Percent: cfr },
});
const columns = [
  "Team_Id",
  "Team_Ref_Id",
  "Team_Name",
  "Parent_Team_Id",
  "Team_Hierarchy",
  "Org_Tree",
  "Period",
  "Start_Date",
  "End_Date",
  "CFR_Percent",
];

describe("lines and chunks", () => {
  it("header and row lines", () => {
    expect(csvHeaderLine(["A", "B,C"])).toBe('A,"B,C"\n');
    expect(csvRowLine(columns, row("Pay, Inc", "2026-W02", 12.5))).toBe(
      't1,7,"Pay, Inc",,"Pay, Inc",Eng,2026-W02,2026-01-05,2026-01-11,12.50\n',
    );
  });

  it("chunks hold many lines and join to the whole text", () => {
    const result: ExportResult = {
      columns,
      rows: Array.from({ length: 25 }, (_, i) => row(`T${i}`, "2026-W02", null)),
    };
    const chunks = [...exportCsvChunks(result, 10)];
    expect(chunks).toHaveLength(3);
    expect(chunks[0]!.split("\n")).toHaveLength(11);
    const text = exportCsvText(result);
    expect(chunks.join("")).toBe(text);
    expect(text.split("\n")).toHaveLength(27);
    expect(text.endsWith("T24,Eng,2026-W02,2026-01-05,2026-01-11,\n")).toBe(true);
  });

  it("no rows: the header only", () => {
    expect([...exportCsvChunks({ columns: ["A"], rows: [] })]).toEqual(["A\n"]);
  });
});
