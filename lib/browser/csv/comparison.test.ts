import { describe, expect, it } from "vitest";
import { defaultBenchmarkSet } from "@/lib/dora";
import { compareTeams, extraColumns, treeOrder } from "./comparison";
import { parseCsvText } from "./feed";

const set = defaultBenchmarkSet();
const HEAD =
  "Team_Id,Team_Name,Parent_Team_Id,Period,Start_Date,End_Date,LTTC_Median_Days,LTTC_Change_Count,DF_Deployment_Count,DF_Per_Day,CFR_Total_Success,CFR_Total_Failures,CFR_Percent,MTTR_Median_Days,MTTR_Incident_Count,LTTC_Rating,DF_Rating,CFR_Rating,MTTR_Rating,OVERALL_RATING";
const row = (id: string, name: string, parent: string, period: string, rest: string) =>
  `${id},${name},${parent},${period},${rest}`;

describe("treeOrder", () => {
  it("lists depth-first from the roots, children in file order, whatever order the file has", () => {
    const teams = [
      { id: "b1", parentId: "b" },
      { id: "root", parentId: null },
      { id: "b", parentId: "root" },
      { id: "a", parentId: "root" },
      { id: "a1", parentId: "a" },
    ];
    expect(treeOrder(teams).map((o) => [teams[o.index]!.id, o.depth, o.ancestors.join(">")])).toEqual([
      ["root", 0, ""],
      ["b", 1, "root"],
      ["b1", 2, "root>b"],
      ["a", 1, "root"],
      ["a1", 2, "root>a"],
    ]);
  });

  it("keeps teams caught in a cycle of parents, at the top level", () => {
    const teams = [
      { id: "x", parentId: "y" },
      { id: "y", parentId: "x" },
    ];
    expect(treeOrder(teams).map((o) => [teams[o.index]!.id, o.depth])).toEqual([
      ["x", 0],
      ["y", 1],
    ]);
  });
});

describe("compareTeams", () => {
  const csv = [
    HEAD,
    row(
      "eng",
      "Engineering",
      "",
      "2026-01",
      "2026-01-01,2026-01-31,2,10,31,1,29,2,6.45,0.5,2,High,Elite,High,High,High",
    ),
    row("eng", "Engineering", "", "TOTAL", "2026-01-01,2026-01-31,2,10,31,1,29,2,6.45,0.5,2,High,Elite,High,High,High"),
    row("pay", "Payments", "eng", "2026-01", "2026-01-01,2026-01-31,40,3,3,0.0968,2,1,33.33,,,Low,Medium,Low,,Low"),
    row("pay", "Payments", "eng", "TOTAL", "2026-01-01,2026-01-31,40,3,3,0.0968,2,1,33.33,,,Low,Medium,Low,,Low"),
  ].join("\n");

  it("gives each team its depth and the range's figures with the export's ratings", () => {
    const c = compareTeams(parseCsvText(csv), set);
    expect(c.metrics).toEqual(["LTTC", "DF", "CFR", "MTTR"]);
    expect(c.maxDepth).toBe(1);
    expect(c.rows.map((r) => [r.id, r.depth, r.hasChildren, r.overall])).toEqual([
      ["eng", 0, true, "High"],
      ["pay", 1, false, "Low"],
    ]);
    expect(c.rows[1]!.cells.LTTC).toEqual({ value: 40, rating: "Low" });
    expect(c.rows[1]!.cells.DF).toEqual({ value: 0.0968, rating: "Medium" });
    expect(c.rows[1]!.cells.MTTR).toEqual({ value: null, rating: null });
  });

  it("shows FDRT and rework when the file has their columns, read from the TOTAL row", () => {
    const head = `${HEAD},FDRT_Median_Days,FDRT_Failure_Count,REWORK_Deployment_Count,REWORK_Percent,FDRT_Rating`;
    const m = parseCsvText(
      [
        head,
        row("t", "Team", "", "2026-01", "2026-01-01,2026-01-31,1,1,10,0.3226,9,1,10,1,1,,,,,,0.25,1,1,10.00,Elite"),
        row("t", "Team", "", "TOTAL", "2026-01-01,2026-01-31,1,1,10,0.3226,9,1,10,1,1,,,,,,0.25,1,1,10.00,Elite"),
      ].join("\n"),
    );
    expect(extraColumns(m)).toEqual({
      fdrt: "FDRT_Median_Days",
      fdrtCount: "FDRT_Failure_Count",
      fdrtRating: "FDRT_Rating",
      reworkCount: "REWORK_Deployment_Count",
      reworkPercent: "REWORK_Percent",
    });
    const c = compareTeams(m, set);
    expect(c.metrics).toEqual(["LTTC", "DF", "CFR", "MTTR", "FDRT", "REWORK"]);
    expect(c.rows[0]!.cells.FDRT).toEqual({ value: 0.25, rating: "Elite" });
    expect(c.rows[0]!.cells.REWORK).toEqual({ value: 10, rating: null });
  });

  it("rolls FDRT and rework up from the periods when there is no TOTAL row, rating FDRT with MTTR's bounds", () => {
    const m = parseCsvText(
      [
        "Team_Id,Team_Name,Period,Start_Date,End_Date,DF_Deployment_Count,FDRT_P90_Days,FDRT_Failure_Count,REWORK_Deployment_Count,REWORK_Percent",
        "t,Team,2026-01,2026-01-01,2026-01-31,10,2,1,1,10",
        "t,Team,2026-02,2026-02-01,2026-02-28,30,4,3,2,6.67",
      ].join("\n"),
    );
    const c = compareTeams(m, set);
    // (2 × 1 + 4 × 3) / 4 failures; 3 rework of 40 deployments.
    expect(c.rows[0]!.cells.FDRT.value).toBe(3.5);
    expect(c.rows[0]!.cells.FDRT.rating).toBe("Medium");
    expect(c.rows[0]!.cells.REWORK.value).toBe(7.5);
  });
});
