// Reporting periods (spec §4.1): ISO weeks, months, quarters in a zone, clipped to the range.
import type { Granularity, IsoDate } from "./types";
import { dayNumber, dayToIsoDate, startOfDayMs, DAY_MS } from "./zone";

export interface DateRange {
  start: IsoDate;
  end: IsoDate;
}

export interface Period {
  label: string;
  /** Clipped, inclusive calendar dates. */
  startDate: IsoDate;
  endDate: IsoDate;
  /** Half-open instants [startMs, endMs): local midnight of startDate to local midnight after endDate. */
  startMs: number;
  endMs: number;
}

export const TOTAL_LABEL = "TOTAL";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function ymd(day: number): { y: number; m: number; d: number } {
  const date = new Date(day * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

const dayOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY_MS;

/** Monday = 0 … Sunday = 6. 1970-01-01 was a Thursday. */
const weekday = (day: number) => (((day + 3) % 7) + 7) % 7;

/** `2026-W03`: the ISO week-year is the year of the week's Thursday. */
export function isoWeekLabel(day: number): string {
  const thursday = day - weekday(day) + 3;
  const { y } = ymd(thursday);
  const week = Math.floor((thursday - dayOf(y, 1, 1)) / 7) + 1;
  return `${y}-W${pad(week)}`;
}

/** The first day of the period containing `day`, its last day, and its label. */
function periodAround(day: number, granularity: Granularity | "DAILY"): { first: number; last: number; label: string } {
  const { y, m } = ymd(day);
  switch (granularity) {
    case "DAILY":
      return { first: day, last: day, label: dayToIsoDate(day) };
    case "WEEKLY": {
      const first = day - weekday(day);
      return { first, last: first + 6, label: isoWeekLabel(first) };
    }
    case "MONTHLY":
      return { first: dayOf(y, m, 1), last: dayOf(y, m + 1, 1) - 1, label: `${y}-${pad(m)}` };
    case "QUARTERLY": {
      const q = Math.floor((m - 1) / 3);
      return { first: dayOf(y, q * 3 + 1, 1), last: dayOf(y, q * 3 + 4, 1) - 1, label: `${y}-Q${q + 1}` };
    }
  }
}

function makePeriod(label: string, first: number, last: number, timeZone: string): Period {
  return {
    label,
    startDate: dayToIsoDate(first),
    endDate: dayToIsoDate(last),
    startMs: startOfDayMs(first, timeZone),
    endMs: startOfDayMs(last + 1, timeZone),
  };
}

/** The periods covering the range, in order; the first and last are clipped to it. */
export function periodsFor(range: DateRange, granularity: Granularity | "DAILY", timeZone: string): Period[] {
  const start = dayNumber(range.start);
  const end = dayNumber(range.end);
  if (end < start) throw new RangeError(`range ends before it starts: ${range.start}..${range.end}`);
  const out: Period[] = [];
  for (let day = start; day <= end;) {
    const p = periodAround(day, granularity);
    const last = Math.min(p.last, end);
    out.push(makePeriod(p.label, day, last, timeZone));
    day = last + 1;
  }
  return out;
}

/** The whole range as one period labelled `TOTAL` (the summary row, spec §4.10). */
export function wholeRange(range: DateRange, timeZone: string): Period {
  const start = dayNumber(range.start);
  const end = dayNumber(range.end);
  if (end < start) throw new RangeError(`range ends before it starts: ${range.start}..${range.end}`);
  return makePeriod(TOTAL_LABEL, start, end, timeZone);
}

/**
 * Calendar days in a clipped period (DF_Per_Day divides by it). Calendar days, not hours ÷ 24,
 * so a week with a DST change still counts 7 days.
 */
export function periodLengthDays(p: Pick<Period, "startDate" | "endDate">): number {
  return dayNumber(p.endDate) - dayNumber(p.startDate) + 1;
}

/** A locator for contiguous, ordered periods: the index of the period containing `ms`, or -1. */
export function makePeriodIndex(periods: readonly Period[]): (ms: number) => number {
  const starts = Float64Array.from(periods, (p) => p.startMs);
  const lo0 = periods[0]?.startMs ?? 0;
  const hi0 = periods[periods.length - 1]?.endMs ?? 0;
  return (ms: number) => {
    if (!(ms >= lo0 && ms < hi0)) return -1;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= ms) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}
