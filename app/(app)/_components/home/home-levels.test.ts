import { describe, expect, it } from "vitest";
import { parseCsvText } from "@/lib/browser";
import { homeExportBody, homeLevels, homeMonths, levelChange } from "./home-levels";

const HEAD =
  "Team_Id,Team_Ref_Id,Team_Name,Parent_Team_Id,Team_Hierarchy,Org_Tree,Period,Start_Date,End_Date,LTTC_Median_Days,LTTC_Change_Count,DF_Deployment_Count,DF_Per_Day,LTTC_Rating,DF_Rating,CFR_Rating,MTTR_Rating,OVERALL_RATING";
const row = (id: string, parent: string, period: string, start: string, end: string, ratings: string) =>
  `${id},1,${id.toUpperCase()},${parent},x,Eng,${period},${start},${end},1.5,10,20,0.6,${ratings}`;
// eng → pay → pay-api; eng → web. April and May 2026, and the TOTAL rows.
const CSV = [
  HEAD,
  row("eng", "", "2026-04", "2026-04-01", "2026-04-30", "High,High,Medium,Low,Medium"),
  row("eng", "", "2026-05", "2026-05-01", "2026-05-31", "Elite,High,Medium,Medium,High"),
  row("eng", "", "TOTAL", "2026-04-01", "2026-05-31", "Low,Low,Low,Low,Low"),
  row("pay", "eng", "2026-04", "2026-04-01", "2026-04-30", "Elite,Elite,Elite,Elite,Elite"),
  row("pay", "eng", "2026-05", "2026-05-01", "2026-05-31", "High,Elite,Elite,Elite,Elite"),
  row("pay-api", "pay", "2026-05", "2026-05-01", "2026-05-31", ",,,,"),
  row("web", "eng", "2026-04", "2026-04-01", "2026-04-30", "Low,Low,Low,Low,Low"),
  row("web", "eng", "2026-05", "2026-05-01", "2026-05-31", "Low,Low,Low,Low,Low"),
].join("\n");
const months = homeMonths("2026-06-15");

describe("homeMonths", () => {
  it.each([
    ["2026-06-15", "2026-05", "2026-04", "2026-05-31", "May 2026"],
    ["2026-01-01", "2025-12", "2025-11", "2025-12-31", "December 2025"],
    ["2026-03-31", "2026-02", "2026-01", "2026-02-28", "February 2026"],
  ])("%s → last %s, previous %s", (today, last, previous, lastEnd, label) => {
    const m = homeMonths(today);
    expect([m.last.key, m.previous.key, m.last.end, m.last.label]).toEqual([last, previous, lastEnd, label]);
    expect(m.previous.start).toBe(`${previous}-01`);
  });

  it("the export covers both months, monthly, with ratings", () => {
    const body = homeExportBody({ kind: "orgTree", orgTreeName: "Eng" }, months) as unknown as Record<string, unknown>;
    expect(body).toMatchObject({
      scope: { orgTreeName: "Eng" },
      dateRange: { start: "2026-04-01", end: "2026-05-31" },
      options: { granularity: "MONTHLY", aggregation: "median", benchmark: "sei" },
    });
    expect(body.metricGroups).toContain("rating");
  });
});

describe("homeLevels", () => {
  const model = parseCsvText(CSV);

  it("an org tree lists all its teams in tree order, with depth and both months' levels", () => {
    const out = homeLevels(model, { kind: "orgTree", orgTreeName: "Eng" }, months);
    expect(out.teams.map((t) => [t.id, t.depth])).toEqual([
      ["eng", 0],
      ["pay", 1],
      ["pay-api", 2],
      ["web", 1],
    ]);
    const eng = out.teams[0]!;
    expect(eng.last).toEqual({ LTTC: "Elite", DF: "High", CFR: "Medium", MTTR: "Medium", overall: "High" });
    expect(eng.previous).toEqual({ LTTC: "High", DF: "High", CFR: "Medium", MTTR: "Low", overall: "Medium" });
  });

  it("a team lists itself and the teams below it only", () => {
    const out = homeLevels(model, { kind: "team", teamId: "pay" }, months);
    expect(out.teams.map((t) => [t.id, t.depth])).toEqual([
      ["pay", 0],
      ["pay-api", 1],
    ]);
    expect(out.teams[1]!.previous).toBeNull();
    expect(out.teams[1]!.last).toEqual({ LTTC: null, DF: null, CFR: null, MTTR: null, overall: null });
  });

  it("a team the export lacks lists nothing", () => {
    expect(homeLevels(model, { kind: "team", teamId: "nope" }, months).teams).toEqual([]);
  });
});

describe("levelChange", () => {
  it.each([
    ["Elite", "High", "up"],
    ["Low", "Medium", "down"],
    ["High", "High", "same"],
    ["High", null, null],
    [null, "High", null],
  ] as const)("%s from %s → %s", (now, before, expected) => {
    expect(levelChange(now, before)).toBe(expected);
  });
});
