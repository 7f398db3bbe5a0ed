// The state of a team or org-tree view, held in the URL's search parameters so a link reproduces
// the view. Bad values fall back to defaults, each with a note the page shows.
import {
  BENCHMARK_NAMES,
  DEFAULT_BENCHMARK,
  AGGREGATIONS,
  GRANULARITIES,
  type Aggregation,
  type Granularity,
  type IsoDate,
  DAY_MS,
  dayToIsoDate,
  epochDay,
} from "@/lib/dora";

/**
 * The schemas' longest range (lib/dora/schemas/common), repeated so that the browser does not load
 * zod with it; a test holds the two equal.
 */
export const MAX_RANGE_DAYS = 1096;

export const RANGE_PRESETS = ["4w", "3m", "6m", "12m", "qtd", "ytd", "custom"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const RANGE_LABELS: Record<RangePreset, string> = {
  "4w": "Last 4 weeks",
  "3m": "Last 3 months",
  "6m": "Last 6 months",
  "12m": "Last 12 months",
  qtd: "Quarter to date",
  ytd: "Year to date",
  custom: "Custom",
};

export interface ViewParams {
  range: RangePreset;
  start: IsoDate;
  end: IsoDate;
  granularity: Granularity;
  aggregation: Aggregation;
  benchmark: string;
}

export const VIEW_DEFAULTS = {
  range: "6m",
  granularity: "MONTHLY",
  aggregation: "median",
  benchmark: DEFAULT_BENCHMARK,
} as const;

type Search = { get(name: string): string | null };

/** Dates of a preset, relative to `today` (UTC calendar day): whole months and weeks end before today. */
export function presetRange(preset: Exclude<RangePreset, "custom">, today: IsoDate): { start: IsoDate; end: IsoDate } {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const monthStart = (year: number, month: number) => dayToIsoDate(Math.floor(Date.UTC(year, month - 1, 1) / DAY_MS));
  const lastMonthEnd = dayToIsoDate(epochDay(monthStart(y, m))! - 1);
  switch (preset) {
    case "4w": {
      const day = epochDay(today)!;
      const lastSunday = day - ((new Date(day * DAY_MS).getUTCDay() + 7) % 7 || 7);
      return { start: dayToIsoDate(lastSunday - 27), end: dayToIsoDate(lastSunday) };
    }
    case "3m":
    case "6m":
    case "12m": {
      const months = Number(preset.slice(0, -1));
      return { start: monthStart(y, m - months), end: lastMonthEnd };
    }
    case "qtd":
      return { start: monthStart(y, Math.floor((m - 1) / 3) * 3 + 1), end: today };
    case "ytd":
      return { start: monthStart(y, 1), end: today };
  }
}

function pick<T extends string>(
  raw: string | null,
  allowed: readonly T[],
  fallback: T,
  name: string,
  notes: string[],
): T {
  if (raw === null || raw === "") return fallback;
  const found = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
  if (!found) notes.push(`Unknown ${name} "${raw.slice(0, 40)}"; showing ${fallback}.`);
  return found ?? fallback;
}

/** Reads a view from search parameters; never throws. */
export function readViewParams(search: Search, today: IsoDate): { view: ViewParams; notes: string[] } {
  const notes: string[] = [];
  const granularity = pick(search.get("granularity"), GRANULARITIES, VIEW_DEFAULTS.granularity, "granularity", notes);
  const aggregation = pick(search.get("aggregation"), AGGREGATIONS, VIEW_DEFAULTS.aggregation, "aggregation", notes);
  const benchmark = pick(search.get("benchmark"), BENCHMARK_NAMES, VIEW_DEFAULTS.benchmark, "benchmark", notes);
  let range = pick(
    search.get("range"),
    RANGE_PRESETS,
    search.get("start") ? "custom" : VIEW_DEFAULTS.range,
    "range",
    notes,
  );
  let dates: { start: IsoDate; end: IsoDate } | null = null;
  if (range === "custom") {
    const start = search.get("start") ?? "";
    const end = search.get("end") ?? "";
    const s = epochDay(start);
    const e = epochDay(end);
    if (s === null || e === null)
      notes.push("The custom range needs real start and end dates (yyyy-MM-dd); showing the last 6 months.");
    else if (s > e) notes.push("The range starts after it ends; showing the last 6 months.");
    else if (e - s > MAX_RANGE_DAYS)
      notes.push(`The range is longer than ${MAX_RANGE_DAYS} days; showing the last 6 months.`);
    else dates = { start, end };
    if (!dates) range = VIEW_DEFAULTS.range;
  }
  dates ??= presetRange(range as Exclude<RangePreset, "custom">, today);
  return { view: { range, ...dates, granularity, aggregation, benchmark }, notes };
}

/** The canonical search string of a view: presets keep their name, so a bookmark stays "the last 6 months". */
export function viewSearch(view: ViewParams): string {
  const p = new URLSearchParams();
  p.set("range", view.range);
  if (view.range === "custom") {
    p.set("start", view.start);
    p.set("end", view.end);
  }
  p.set("granularity", view.granularity);
  p.set("aggregation", view.aggregation);
  p.set("benchmark", view.benchmark);
  return p.toString();
}

/** The range of the same length just before this one, for "change against the previous range". */
export function previousRange(view: Pick<ViewParams, "start" | "end">): { start: IsoDate; end: IsoDate } {
  const s = epochDay(view.start)!;
  const e = epochDay(view.end)!;
  return { start: dayToIsoDate(s - (e - s + 1)), end: dayToIsoDate(s - 1) };
}

export const todayUtc = (now = new Date()): IsoDate => now.toISOString().slice(0, 10);
