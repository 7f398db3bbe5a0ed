// What the home page shows of each team: its levels (ratings) in the last complete month and the
// month before, read from one MONTHLY export of those two months per team or org tree. Pure: the
// server page and the browser (when the export was not ready for the page) share it.
import {
  exportRequest,
  focusTeam,
  summarise,
  teamRows,
  type ParsedExport,
  type TeamExport,
  type ViewScope,
} from "@/lib/browser";
import { DAY_MS, dayToIsoDate, defaultBenchmarkSet, epochDay, type Rating } from "@/lib/dora";

export const LEVEL_METRICS = ["overall", "LTTC", "DF", "CFR", "MTTR"] as const;
export type LevelMetric = (typeof LEVEL_METRICS)[number];
export type Levels = Record<LevelMetric, Rating | null>;

export interface Month {
  /** `YYYY-MM`. */
  key: string;
  start: string;
  end: string;
  /** "May 2026". */
  label: string;
}

export interface HomeMonths {
  last: Month;
  previous: Month;
}

export interface TeamLevels {
  id: string;
  name: string;
  /** 0 for the card's own team (or an org tree's roots), 1 for their children, … */
  depth: number;
  last: Levels | null;
  previous: Levels | null;
}

export interface HomeLevels {
  teams: TeamLevels[];
  /** Teams left out past HOME_MAX_TEAMS (the view lists them all). */
  more: number;
}

/** Teams a card lists at most; an org tree of hundreds is for its view (and its comparison). */
export const HOME_MAX_TEAMS = 30;

/** The export settings of the home page: the view's defaults, by month. */
export const HOME_SETTINGS = { granularity: "MONTHLY", aggregation: "median", benchmark: "sei" } as const;

const month = (year: number, m: number): Month => {
  const first = Math.floor(Date.UTC(year, m - 1, 1) / DAY_MS);
  const next = Math.floor(Date.UTC(year, m, 1) / DAY_MS);
  const start = dayToIsoDate(first);
  const label = new Date(first * DAY_MS).toLocaleString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
  return { key: start.slice(0, 7), start, end: dayToIsoDate(next - 1), label };
};

/** The last complete month before `today` (a UTC calendar day) and the one before it. */
export function homeMonths(today: string): HomeMonths {
  if (epochDay(today) === null) throw new RangeError(`not a calendar date: ${today}`);
  const [y, m] = today.split("-").map(Number) as [number, number];
  return { last: month(y, m - 1), previous: month(y, m - 2) };
}

/** The export a card reads: both months, MONTHLY, with the view's metric groups (ratings included). */
export function homeExportBody(scope: ViewScope, months: HomeMonths) {
  return exportRequest(scope, HOME_SETTINGS, { start: months.previous.start, end: months.last.end });
}

const RATING_KEY = { LTTC: "LTTC", DF: "DF", CFR: "CFR", MTTR: "MTTR" } as const;

function levelsIn(model: ParsedExport, team: TeamExport, m: Month): Levels | null {
  const rows = teamRows(model, team).periods;
  const row = rows.find((r) => r.start === m.start) ?? rows.find((r) => r.period === m.key);
  if (!row) return null;
  // The row as a "total": the export's own ratings for that month win (made with its benchmark).
  const s = summarise({ periods: [], total: row }, model, defaultBenchmarkSet());
  return {
    overall: s.overall,
    LTTC: s[RATING_KEY.LTTC].rating,
    DF: s[RATING_KEY.DF].rating,
    CFR: s[RATING_KEY.CFR].rating,
    MTTR: s[RATING_KEY.MTTR].rating,
  };
}

/**
 * The card's teams in the export's (tree) order: a team's card lists it and the teams below it; an
 * org tree's lists all its teams. Depth is counted from the card's top.
 */
export function homeLevels(model: ParsedExport, scope: ViewScope, months: HomeMonths): HomeLevels {
  const byId = new Map(model.teams.map((t) => [t.id, t]));
  /** Steps up from a team to `top` (a team's card), or to a root of the export (an org tree's); null off the card. */
  const depthOf = (t: TeamExport, top: string | null): number | null => {
    let at = t;
    for (let depth = 0; depth <= 50; depth++) {
      if (at.id === top) return depth;
      const parent = at.parentId ? byId.get(at.parentId) : undefined;
      if (!parent) return top === null ? depth : null;
      at = parent;
    }
    return null;
  };
  const top = scope.kind === "team" ? (focusTeam(model, scope)?.id ?? null) : null;
  if (scope.kind === "team" && top === null) return { teams: [], more: 0 };
  const listed: TeamLevels[] = [];
  for (const t of model.teams) {
    const depth = depthOf(t, top);
    if (depth === null) continue;
    listed.push({
      id: t.id,
      name: t.name,
      depth,
      last: levelsIn(model, t, months.last),
      previous: levelsIn(model, t, months.previous),
    });
  }
  return { teams: listed.slice(0, HOME_MAX_TEAMS), more: Math.max(0, listed.length - HOME_MAX_TEAMS) };
}

const RANK: Record<Rating, number> = { Elite: 4, High: 3, Medium: 2, Low: 1 };

/** A level against the month before: better, worse, the same, or nothing to compare. */
export function levelChange(now: Rating | null, before: Rating | null): "up" | "down" | "same" | null {
  if (now === null || before === null) return null;
  return RANK[now] > RANK[before] ? "up" : RANK[now] < RANK[before] ? "down" : "same";
}
