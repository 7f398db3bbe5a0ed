// Calendar dates as day numbers and zone midnights via Intl (no time-zone library), spec §4.1.
import type { IsoDate } from "./types";

export const DAY_MS = 86_400_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a real calendar date `yyyy-MM-dd`, or null when it is not one. */
export function epochDay(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return daysFromCivil(y, mo, d);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

// Howard Hinnant's days_from_civil: exact for every year, unlike Date.UTC (which maps 0-99 to 19xx).
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Days since 1970-01-01 of a `yyyy-MM-dd` date; throws RangeError when it is not a real date. */
export function dayNumber(date: IsoDate): number {
  const day = epochDay(date);
  if (day === null) throw new RangeError(`not a calendar date: ${date}`);
  return day;
}

export function dayToIsoDate(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws RangeError for a zone name Intl does not know. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

/** The zone's wall clock at instant `ms`, read as if it were UTC (ms, second precision). */
function wallClock(ms: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const hour = get("hour") % 24;
  return Date.UTC(get("year"), get("month") - 1, get("day"), hour, get("minute"), get("second"));
}

function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClock(whole, timeZone) - whole;
}

/**
 * The instant a calendar day begins in a zone: its local midnight, or, where a transition skips
 * midnight, the first instant of that date. Candidates come from the offsets in force around it;
 * the earliest whose wall date is that day is the start.
 */
export function startOfDayMs(day: number, timeZone: string): number {
  if (timeZone === "UTC") return day * DAY_MS;
  const guess = day * DAY_MS;
  const offsets = new Set([
    offsetAt(guess - DAY_MS, timeZone),
    offsetAt(guess, timeZone),
    offsetAt(guess + DAY_MS, timeZone),
  ]);
  for (const o of [...offsets]) offsets.add(offsetAt(guess - o, timeZone));
  let best = Number.POSITIVE_INFINITY;
  for (const o of offsets) {
    const t = guess - o;
    if (Math.floor(wallClock(t, timeZone) / DAY_MS) === day && t < best) best = t;
  }
  return best;
}
