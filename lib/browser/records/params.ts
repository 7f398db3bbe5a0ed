// The records panel's state, in a view's URL beside the view's own settings, so that a shared
// link opens the panel: `records=<metric>` and `period=<label>` (a period of the view, e.g.
// `2026-01`) or `period=all` (the whole range). Bad values close the panel, each with a note.
import type { RecordMetric } from "@/lib/contract";
import { periodsFor, type Granularity, type IsoDate } from "@/lib/dora";

/**
 * The metrics whose records can be listed (lib/contract's RECORD_METRICS), repeated so that the
 * view does not load zod with it; a test holds the two equal.
 */
export const RECORDS_METRICS = [
  "lttc",
  "df",
  "cfr",
  "mttr",
  "fdrt",
  "rework",
] as const satisfies readonly RecordMetric[];

/** What each metric's records are, as a sentence names them. */
export const RECORD_NOUNS: Record<RecordMetric, { one: string; many: string }> = {
  lttc: { one: "pull request", many: "pull requests" },
  df: { one: "deployment", many: "deployments" },
  cfr: { one: "deployment", many: "deployments" },
  mttr: { one: "incident", many: "incidents" },
  fdrt: { one: "failed deployment", many: "failed deployments" },
  rework: { one: "deployment", many: "deployments" },
};

/** The `period` of the whole range (the scorecards' figures). */
export const WHOLE_RANGE = "all";

export interface RecordsState {
  metric: RecordMetric;
  /** A period label of the view, or WHOLE_RANGE. */
  period: string;
}

/** One period of the view: its label and clipped, inclusive dates. */
export interface RecordsPeriod {
  label: string;
  start: IsoDate;
  end: IsoDate;
  /** The periods before and after it in the view (null at either end, and for the whole range). */
  previous: string | null;
  next: string | null;
}

type Search = { get(name: string): string | null };
type ViewRange = { start: IsoDate; end: IsoDate; granularity: Granularity };

/** The view's periods as the export makes them (spec 4.1; the view's exports are in UTC). */
function periodsOf(view: ViewRange) {
  return periodsFor({ start: view.start, end: view.end }, view.granularity, "UTC");
}

/** The dates of a period of the view, or of the whole range; null when the view has no such period. */
export function recordsPeriod(period: string, view: ViewRange): RecordsPeriod | null {
  if (period === WHOLE_RANGE)
    return { label: WHOLE_RANGE, start: view.start, end: view.end, previous: null, next: null };
  const all = periodsOf(view);
  const i = all.findIndex((p) => p.label === period);
  if (i < 0) return null;
  const p = all[i]!;
  return {
    label: p.label,
    start: p.startDate,
    end: p.endDate,
    previous: all[i - 1]?.label ?? null,
    next: all[i + 1]?.label ?? null,
  };
}

/**
 * Reads the panel's state; never throws. `available`: the connection lists records (public
 * config); without it a link's panel stays closed, saying why.
 */
export function readRecordsParams(
  search: Search,
  view: ViewRange,
  available: boolean,
): { state: RecordsState | null; notes: string[] } {
  const raw = search.get("records");
  if (raw === null || raw === "") return { state: null, notes: [] };
  if (!available)
    return { state: null, notes: ["This connection (Harness SEI) cannot list the records behind a figure."] };
  const metric = RECORDS_METRICS.find((m) => m === raw.toLowerCase());
  if (!metric) return { state: null, notes: [`Unknown records "${raw.slice(0, 40)}"; no records are shown.`] };
  const period = search.get("period") || WHOLE_RANGE;
  const normal = period.toLowerCase() === WHOLE_RANGE ? WHOLE_RANGE : period.toUpperCase();
  if (!recordsPeriod(normal, view))
    return {
      state: null,
      notes: [`This view has no period "${period.slice(0, 40)}"; no records are shown.`],
    };
  return { state: { metric, period: normal }, notes: [] };
}

/** The view's search string with the panel open on `state`, or closed (null). */
export function recordsSearch(viewSearch: string, state: RecordsState | null): string {
  const p = new URLSearchParams(viewSearch);
  p.delete("records");
  p.delete("period");
  if (state) {
    p.set("records", state.metric);
    p.set("period", state.period);
  }
  return p.toString();
}
