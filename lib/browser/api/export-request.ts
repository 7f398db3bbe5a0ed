// The export request of a view: the same body in the server page (which starts it early) and in
// the browser (which reuses what the server started when the bodies match). Pure.
import type { ExportRequestInput, ExportStatus } from "@/lib/dora";
import type { ExportStatusView, ExportView } from "@/lib/contract";

export type ViewScope = { kind: "team"; teamId: string } | { kind: "orgTree"; orgTreeName: string };

const GROUPS = ["lttc", "deployment_frequency", "cfr", "mttr", "rating", "summary"];
/** The engine's own groups (spec 4.11–4.12): Harness SEI has no such group and would refuse the export. */
const NEWER_GROUPS = ["lttc", "deployment_frequency", "cfr", "mttr", "fdrt", "rework", "rating", "summary"];

interface RequestSettings {
  granularity: string;
  aggregation: string;
  benchmark: string;
}

/** `newerMetrics`: the connection has the groups `fdrt` and `rework` (public config's features). */
export function exportRequest(
  scope: ViewScope,
  view: RequestSettings,
  range: { start: string; end: string },
  newerMetrics = false,
): ExportRequestInput {
  return {
    scope: scope.kind === "team" ? { teamId: scope.teamId } : { orgTreeName: scope.orgTreeName },
    dateRange: { start: range.start, end: range.end },
    metricGroups: newerMetrics ? NEWER_GROUPS : GROUPS,
    options: {
      granularity: view.granularity,
      aggregation: view.aggregation,
      compression: "gzip",
      benchmark: view.benchmark,
    },
  } as ExportRequestInput;
}

export interface CreatedExport {
  export: ExportView;
  status: ExportStatus;
  reused: boolean;
}

/** What the server page found or started for the view's current range, handed to the browser. */
export interface EarlyExport {
  body: ExportRequestInput;
  created: CreatedExport;
  /** The job's status when it was already final, so the browser need not poll first. */
  status: ExportStatusView | null;
}

/**
 * The server page's create gave up because SEI did not answer in time: handed over so that the
 * browser tries again at once, saying so, instead of first waiting out a deadline of its own.
 */
export interface EarlyProblem {
  body: ExportRequestInput;
  problem: { status: number; code: "UPSTREAM_UNREACHABLE"; message: string };
}

export type EarlyAnswer = EarlyExport | EarlyProblem;

/** Whether two request bodies ask for the same export (key order aside). */
export function sameRequest(a: ExportRequestInput, b: ExportRequestInput): boolean {
  const canon = (v: unknown): unknown =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .sort(([x], [y]) => (x < y ? -1 : 1))
            .map(([k, w]) => [k, canon(w)]),
        )
      : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

/** Where the browser downloads an export's CSV, decompressed, to parse it. */
export const csvDownloadPath = (id: string) => `/api/exports/${encodeURIComponent(id)}/download?as=csv`;
