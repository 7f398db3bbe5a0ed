// Spec §6: text cells that a spreadsheet would read as a formula are prefixed with `'`, then quoted
// per RFC 4180 — in the export's CSV and in the legacy report's.
import { beforeAll, describe, expect, it } from "vitest";
import { api, csvText, ingestOk, json, parseCsv, pollUntilFinal, setupEngine } from "./helpers";

setupEngine();

const ROOT = "@SUM(A1)";
const HOSTILE = ['=HYPERLINK("x")', "+1", "-1+2", " =1", "=1\nx", "\tcmd"];
const TREE = "+Tree";

let raw = "";
let rows: Record<string, string>[] = [];

beforeAll(async () => {
  await ingestOk("teams", [
    { id: "root", name: ROOT, orgTree: TREE, refId: 1 },
    ...HOSTILE.map((name, i) => ({ id: `t${i}`, name, orgTree: TREE, parentId: "root" })),
    { id: "safe", name: "Safe, Inc.", orgTree: TREE, parentId: "root" },
  ]);
  const res = await api.createExport({
    scope: { orgTreeName: TREE, orgIdentifier: "acme" },
    dateRange: { start: "2026-01-01", end: "2026-01-31" },
    metricGroups: ["df"],
    options: { granularity: "MONTHLY", compression: "none" },
  });
  const { exportId } = await json<{ exportId: string }>(res);
  await pollUntilFinal(exportId);
  raw = await csvText(await api.download(exportId));
  rows = parseCsv(raw);
});

describe("CSV formula injection in the export", () => {
  it.each([ROOT, ...HOSTILE])("team %j comes out prefixed with '", (name) => {
    const row = rows.find((r) => r.Team_Name === `'${name}`);
    expect(row).toBeDefined();
    expect(row!.Org_Tree).toBe(`'${TREE}`);
  });

  it("hierarchy paths that start with a formula character are prefixed too", () => {
    expect(rows.find((r) => r.Team_Id === "t1")!.Team_Hierarchy).toBe(`'${ROOT} / +1`);
  });

  it("cells with quotes, commas or line breaks are quoted, quotes doubled", () => {
    expect(raw).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(raw).toContain(`,"'=1\nx",`);
    expect(raw).toContain(`,"Safe, Inc.",`);
    expect(rows.find((r) => r.Team_Id === "safe")!.Team_Name).toBe("Safe, Inc.");
  });

  it("every row has the header's number of cells (no line break leaks out of a quoted cell)", () => {
    expect(rows).toHaveLength(2 + HOSTILE.length);
    for (const row of rows) expect(Object.keys(row)).toHaveLength(11);
  });
});

describe("CSV formula injection in the legacy report", () => {
  it("team names and paths are prefixed with ' and quoted", async () => {
    const res = await api.report({ dateStart: "2026-01-01", dateEnd: "2026-01-31", teamRefId: 1 });
    const text = await res.text();
    const report = parseCsv(text);
    expect(report.map((r) => r.Team_Name)).toEqual(expect.arrayContaining(HOSTILE.map((n) => `'${n}`)));
    expect(report[0]).toMatchObject({ Team_Name: `'${ROOT}`, Team_Hierarchy: `'${ROOT}` });
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
