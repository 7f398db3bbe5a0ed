import { describe, expect, it } from "vitest";
import type { Rating } from "@/lib/dora";
import type { ComparisonCell, ComparisonRow } from "./comparison";
import { depthChoices, foldable, nextSort, visibleRows, type Sort } from "./comparison-table";

const cell = (value: number | null, rating: Rating | null = null): ComparisonCell => ({ value, rating });

// root
// ├─ a (lttc 5, df 2)
// │  ├─ a1 (lttc 1, df null)
// │  └─ a2 (lttc null, df 0.5)
// └─ b (lttc 5, df 3)
//    └─ b1 (lttc 9, df 1)
function row(
  id: string,
  depth: number,
  ancestors: string[],
  lttc: number | null,
  df: number | null,
  overall: Rating | null,
) {
  return { id, name: id.toUpperCase(), depth, ancestors, lttc, df, overall };
}
const SPEC = [
  row("root", 0, [], 3, 6, "High"),
  row("a", 1, ["root"], 5, 2, "Medium"),
  row("a1", 2, ["root", "a"], 1, null, "Elite"),
  row("a2", 2, ["root", "a"], null, 0.5, null),
  row("b", 1, ["root"], 5, 3, "Low"),
  row("b1", 2, ["root", "b"], 9, 1, "High"),
];
const ROWS: ComparisonRow[] = SPEC.map((s, order) => ({
  id: s.id,
  name: s.name,
  depth: s.depth,
  parentId: s.ancestors.at(-1) ?? null,
  ancestors: s.ancestors,
  hasChildren: SPEC.some((o) => o.ancestors.at(-1) === s.id),
  order,
  overall: s.overall,
  cells: {
    LTTC: cell(s.lttc),
    DF: cell(s.df),
    CFR: cell(null),
    MTTR: cell(null),
    FDRT: cell(null),
    REWORK: cell(null),
  },
}));
const ALL = { from: 0, to: 2 };
const ids = (rows: ComparisonRow[]) => rows.map((r) => r.id);

describe("nextSort", () => {
  it.each<[Sort, Parameters<typeof nextSort>[1], Sort]>([
    [null, "LTTC", { key: "LTTC", dir: "ascending" }],
    [{ key: "LTTC", dir: "ascending" }, "LTTC", { key: "LTTC", dir: "descending" }],
    [{ key: "LTTC", dir: "descending" }, "LTTC", null],
    [null, "DF", { key: "DF", dir: "descending" }],
    [{ key: "DF", dir: "descending" }, "DF", { key: "DF", dir: "ascending" }],
    [{ key: "DF", dir: "ascending" }, "DF", null],
    [null, "overall", { key: "overall", dir: "descending" }],
    [{ key: "LTTC", dir: "descending" }, "name", { key: "name", dir: "ascending" }],
  ])("from %j, a click on %s gives %j (best first, then worst first, then the tree)", (from, key, to) => {
    expect(nextSort(from, key)).toEqual(to);
  });
});

describe("visibleRows", () => {
  it("keeps the tree's order with no sort", () => {
    expect(ids(visibleRows(ROWS, { sort: null, depths: ALL, folded: new Set() }))).toEqual([
      "root",
      "a",
      "a1",
      "a2",
      "b",
      "b1",
    ]);
  });

  it("hides a folded team's branch, but not the team", () => {
    expect(ids(visibleRows(ROWS, { sort: null, depths: ALL, folded: new Set(["a"]) }))).toEqual([
      "root",
      "a",
      "b",
      "b1",
    ]);
    expect(ids(visibleRows(ROWS, { sort: null, depths: ALL, folded: new Set(["root"]) }))).toEqual(["root"]);
  });

  it("shows only the chosen depths; a fold of a hidden level does not hide its branch", () => {
    expect(ids(visibleRows(ROWS, { sort: null, depths: { from: 2, to: 2 }, folded: new Set(["a"]) }))).toEqual([
      "a1",
      "a2",
      "b1",
    ]);
    expect(ids(visibleRows(ROWS, { sort: null, depths: { from: 0, to: 1 }, folded: new Set() }))).toEqual([
      "root",
      "a",
      "b",
    ]);
  });

  it("sorts flat by a figure, empty figures last either way, ties in the tree's order", () => {
    const by = (sort: Sort) => ids(visibleRows(ROWS, { sort, depths: ALL, folded: new Set(["a"]) }));
    expect(by({ key: "LTTC", dir: "ascending" })).toEqual(["a1", "root", "a", "b", "b1", "a2"]);
    expect(by({ key: "LTTC", dir: "descending" })).toEqual(["b1", "a", "b", "root", "a1", "a2"]);
    expect(by({ key: "DF", dir: "descending" })).toEqual(["root", "b", "a", "b1", "a2", "a1"]);
  });

  it("sorts by the overall level (Elite highest) and by name, within the chosen depths", () => {
    const depths = { from: 1, to: 2 };
    expect(ids(visibleRows(ROWS, { sort: { key: "overall", dir: "descending" }, depths, folded: new Set() }))).toEqual([
      "a1",
      "b1",
      "a",
      "b",
      "a2",
    ]);
    expect(ids(visibleRows(ROWS, { sort: { key: "name", dir: "descending" }, depths, folded: new Set() }))).toEqual([
      "b1",
      "b",
      "a2",
      "a1",
      "a",
    ]);
  });
});

describe("foldable and depthChoices", () => {
  it("a team folds where its children's level is shown", () => {
    const root = ROWS[0]!;
    const a1 = ROWS[2]!;
    expect(foldable(root, ALL)).toBe(true);
    expect(foldable(root, { from: 0, to: 0 })).toBe(false);
    expect(foldable(a1, ALL)).toBe(false);
  });

  it("offers all levels, the top levels down to each, and each level alone", () => {
    expect(depthChoices(2).map((c) => [c.label, c.range.from, c.range.to])).toEqual([
      ["All levels", 0, 2],
      ["Levels 1 to 2", 0, 1],
      ["Level 1 only", 0, 0],
      ["Level 2 only", 1, 1],
      ["Level 3 only", 2, 2],
    ]);
    expect(depthChoices(0).map((c) => c.label)).toEqual(["All levels"]);
  });
});
