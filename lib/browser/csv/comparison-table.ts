// What the org comparison's table shows of its rows: the levels chosen, the branches folded, and
// the order (the tree's, or by a column). Pure.
import type { Rating } from "@/lib/dora";
import type { ComparisonMetric, ComparisonRow } from "./comparison";

export type SortKey = "name" | "overall" | ComparisonMetric;
export type SortDirection = "ascending" | "descending";
/** null: the tree's order. */
export type Sort = { key: SortKey; dir: SortDirection } | null;

/** Depths shown, both included (0 is the root). */
export interface DepthRange {
  from: number;
  to: number;
}

const SCORE: Record<Rating, number> = { Elite: 4, High: 3, Medium: 2, Low: 1 };

/** The direction that puts the best first: a first click on a column shows the best teams on top. */
export function bestFirst(key: SortKey): SortDirection {
  return key === "DF" || key === "overall" ? "descending" : "ascending";
}

/** A column's next order: best first, then worst first, then the tree's order again. */
export function nextSort(current: Sort, key: SortKey): Sort {
  const first = bestFirst(key);
  if (current?.key !== key) return { key, dir: first };
  if (current.dir === first) return { key, dir: first === "ascending" ? "descending" : "ascending" };
  return null;
}

function sortValue(row: ComparisonRow, key: SortKey): number | string | null {
  if (key === "name") return row.name.toLocaleLowerCase();
  if (key === "overall") return row.overall ? SCORE[row.overall] : null;
  return row.cells[key].value;
}

/**
 * The rows to show. In the tree's order: those of the chosen depths whose shown ancestors are not
 * folded (a folded team's branch is hidden). Sorted: every row of the chosen depths, as a flat list
 * (folding does not apply), empty figures last whichever the direction, ties in the tree's order.
 */
export function visibleRows(
  rows: readonly ComparisonRow[],
  { sort, depths, folded }: { sort: Sort; depths: DepthRange; folded: ReadonlySet<string> },
): ComparisonRow[] {
  const depthOf = new Map(rows.map((r) => [r.id, r.depth]));
  const inRange = (d: number) => d >= depths.from && d <= depths.to;
  const shown = rows.filter((r) => inRange(r.depth));
  if (sort === null) {
    return shown.filter((r) => !r.ancestors.some((a) => folded.has(a) && inRange(depthOf.get(a) ?? -1)));
  }
  const sign = sort.dir === "ascending" ? 1 : -1;
  return [...shown].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    if (x === null || y === null) return x === y ? a.order - b.order : x === null ? 1 : -1;
    if (x < y) return -sign;
    if (x > y) return sign;
    return a.order - b.order;
  });
}

/** Whether a row can be folded where it is shown: it has children, and the next depth is shown. */
export function foldable(row: ComparisonRow, depths: DepthRange): boolean {
  return row.hasChildren && row.depth >= depths.from && row.depth < depths.to;
}

export interface DepthChoice {
  value: string;
  label: string;
  range: DepthRange;
}

/** The depth filter's choices, level 1 being the root: all levels, each level alone, and the top levels down to each. */
export function depthChoices(maxDepth: number): DepthChoice[] {
  const all: DepthChoice = { value: "all", label: "All levels", range: { from: 0, to: maxDepth } };
  if (maxDepth === 0) return [all];
  const only = Array.from({ length: maxDepth + 1 }, (_, d) => ({
    value: `${d}`,
    label: `Level ${d + 1} only`,
    range: { from: d, to: d },
  }));
  const down = Array.from({ length: maxDepth - 1 }, (_, i) => i + 1).map((d) => ({
    value: `0-${d}`,
    label: `Levels 1 to ${d + 1}`,
    range: { from: 0, to: d },
  }));
  return [all, ...down, ...only];
}
