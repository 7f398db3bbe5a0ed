import { describe, expect, it } from "vitest";
import { defaultBenchmarkSet } from "@/lib/dora";
import { parseCsvText } from "./feed";
import { levelsByPeriod } from "./levels";

const set = defaultBenchmarkSet();

describe("levelsByPeriod", () => {
  const csv = [
    "Team_Id,Team_Name,Parent_Team_Id,Period,Start_Date,End_Date,LTTC_Median_Days,DF_Deployment_Count,OVERALL_RATING",
    "r,Root,,2026-02,2026-02-01,2026-02-28,0.5,28,Elite",
    "r,Root,,2026-01,2026-01-01,2026-01-31,2,31,High",
    "r,Root,,TOTAL,2026-01-01,2026-02-28,1,59,High",
    "a,A,r,2026-01,2026-01-01,2026-01-31,40,1,Low",
    "a,A,r,2026-02,2026-02-01,2026-02-28,,0,",
    "b,B,r,2026-01,2026-01-01,2026-01-31,3,10,High",
  ].join("\n");
  const m = parseCsvText(csv);

  it("counts the chosen teams per level of the export's rating, periods in time order, TOTAL left out", () => {
    expect(levelsByPeriod(m, new Set(["r", "a", "b"]), "overall", set)).toEqual([
      { period: "2026-01", start: "2026-01-01", end: "2026-01-31", Elite: 0, High: 2, Medium: 0, Low: 1, none: 0 },
      { period: "2026-02", start: "2026-02-01", end: "2026-02-28", Elite: 1, High: 0, Medium: 0, Low: 0, none: 1 },
    ]);
    expect(levelsByPeriod(m, new Set(["a"]), "overall", set).map((p) => p.Low + p.none)).toEqual([1, 1]);
  });

  it("rates a period's figure with the benchmark set when the file has no rating column for it", () => {
    // LTTC (sei): Elite < 1 day, High < 7, Medium < 30; DF per day: 31/31 = 1 is Elite.
    const lttc = levelsByPeriod(m, new Set(["r", "a", "b"]), "LTTC", set);
    expect(lttc.map(({ Elite, High, Medium, Low, none }) => [Elite, High, Medium, Low, none])).toEqual([
      [0, 2, 0, 1, 0],
      [1, 0, 0, 0, 1],
    ]);
    const df = levelsByPeriod(m, new Set(["r"]), "DF", set);
    expect(df.map((p) => p.Elite)).toEqual([1, 1]);
  });
});
