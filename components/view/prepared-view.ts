import type { ChartSnapshotSets } from "@/components/charts/plot-props";
import type { EarlyExport, ParsedExport } from "@/lib/browser";

/**
 * A view's complete export as the server page read it, handed over with the page: the view draws
 * from it at once, with no download, parse or poll of its own.
 */
export interface PreparedView {
  /** The export as the page created (or reused) it. */
  early: EarlyExport;
  model: ParsedExport;
  /** Each trend chart drawn by the server at each width, shown until the browser has drawn its own. */
  snapshots: ChartSnapshotSets;
}
