import "server-only";
import { drawSnapshots } from "@/components/charts/snapshots";
import { SNAPSHOT_WIDTHS, type ChartSnapshotSets } from "@/components/charts/plot-props";
import type { PreparedView } from "@/components/view/prepared-view";
import type { User } from "@/lib/auth";
import { type EarlyExport, type ViewScope, parseCsvText, focusTeam, teamRows, toTeamSeries } from "@/lib/browser";
import { defaultBenchmarkSet, getBenchmarkSet } from "@/lib/dora";
import { downloadFor, exportStatusFor } from "@/lib/dashboard";
import { readStreamText, log } from "@/lib/server";
import { getRuntime } from "@/lib/runtime";
import { getSeiClient } from "@/lib/sei";

/**
 * Larger exports (an org tree of hundreds of teams) are read by the browser, in its worker: handing
 * them over with the page would make the page itself heavy.
 */
export const PREPARED_VIEW_MAX_BYTES = 256 * 1024;

/**
 * How long the page waits for charts the server has not drawn yet (drawing the four at both
 * widths takes about 200–400 ms). Meanwhile the view shows as the browser runs it alone; a chart
 * not drawn by then is drawn in the browser, and the server's drawing goes on into its cache for
 * the next visit.
 */
const SNAPSHOT_BUDGET_MS = 400;

/**
 * When the view's export is already complete and small, the server reads its CSV and draws the
 * charts once, so the page arrives with its figures and charts instead of fetching and parsing
 * them after its code has run. Null when it cannot (not complete, too large, any failure): the
 * browser then does it all itself, as for an export that completes while the view is open.
 */
export async function prepareView(
  user: User,
  early: EarlyExport | null,
  scope: ViewScope,
  benchmarkName: string,
): Promise<PreparedView | null> {
  const status = early?.status;
  if (!early || status?.status !== "COMPLETED") return null;
  try {
    const runtime = await getRuntime();
    const { body } = await downloadFor({ user, db: runtime.db, sei: getSeiClient(runtime) }, status.id, "csv");
    const text = await readStreamText(body, PREPARED_VIEW_MAX_BYTES);
    if (text === null) return null;
    const model = parseCsvText(text);
    const team = focusTeam(model, scope);
    if (!team) return { early, model, snapshots: {} };
    const benchmark = (getBenchmarkSet(benchmarkName) ?? defaultBenchmarkSet()).name;
    const series = toTeamSeries(teamRows(model, team), model.metricColumns);
    // Both widths are asked for at once; the budget runs for both together.
    const [wide, narrow] = await Promise.all(
      ([SNAPSHOT_WIDTHS.wide, SNAPSHOT_WIDTHS.narrow] as const).map((width) =>
        drawSnapshots(
          { key: `${status.id}|${team.id}|${benchmark}|${width}`, series, benchmark, width },
          { budgetMs: SNAPSHOT_BUDGET_MS },
        ),
      ),
    );
    const snapshots: ChartSnapshotSets = { wide, narrow };
    return { early, model, snapshots };
  } catch (err) {
    log.warn("view.prepare", { exportId: status.id, error: err instanceof Error ? err.message : String(err) });
    return null;
  }
}

/** How long a view's export is watched for its completion, and the longest wait between looks. */
const WATCH_MS = 5 * 60_000;
const WATCH_MAX_DELAY_MS = 5_000;
const watching = new Set<string>();

/**
 * A view opened before its export completed: the server watches the export and draws the charts'
 * snapshots as soon as it completes, so that the next to open the view (a shared link, a
 * bookmark, a reload) gets them at once. Watches one view at most once at a time, for at most
 * five minutes; a failure only means the next visit draws them itself.
 */
export function drawWhenComplete(user: User, early: EarlyExport | null, scope: ViewScope, benchmarkName: string): void {
  if (!early || early.status !== null) return;
  const id = early.created.export.id;
  const key = `${id}|${JSON.stringify(scope)}|${benchmarkName}`;
  if (watching.has(key)) return;
  watching.add(key);
  void (async () => {
    try {
      const runtime = await getRuntime();
      const ctx = { user, db: runtime.db, sei: getSeiClient(runtime) };
      for (
        let waited = 0, delay = 500;
        waited < WATCH_MS;
        waited += delay, delay = Math.min(WATCH_MAX_DELAY_MS, delay * 1.5)
      ) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        const status = await exportStatusFor(ctx, id);
        if (status.status === "FAILED") return;
        if (status.status === "COMPLETED")
          return void (await prepareView(user, { ...early, status }, scope, benchmarkName));
      }
    } catch (err) {
      log.warn("view.prepare_watch", { exportId: id, error: err instanceof Error ? err.message : String(err) });
    } finally {
      watching.delete(key);
    }
  })();
}
