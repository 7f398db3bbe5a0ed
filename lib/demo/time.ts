import type { Rng } from "./prng";
import { DAY_MS } from "@/lib/dora";

export const MINUTE = 60_000;
export const HOUR = 3_600_000;

/** Weight of a weekend day relative to a weekday: activity is weekday-heavy. */
export const WEEKEND_WEIGHT = 0.15;
const WEEK_WEIGHT = 5 + 2 * WEEKEND_WEIGHT;

export function addMonthsUtc(ms: number, months: number): number {
  const d = new Date(ms);
  return Date.UTC(
    d.getUTCFullYear(),
    d.getUTCMonth() + months,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  );
}

/** Saturday or Sunday, UTC. Day 0 of the epoch was a Thursday. */
export function isWeekendDay(dayIndex: number): boolean {
  const weekday = (((dayIndex + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

export function floorSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** An offset into a day: mostly office hours (08:00–18:00 UTC), sometimes any time. */
export function workTimeOfDay(rng: Rng): number {
  if (rng.chance(0.1)) return Math.floor(rng.next() * DAY_MS);
  return 8 * HOUR + Math.floor(((rng.next() + rng.next()) / 2) * 10 * HOUR);
}

/** The next weekday at or after `ms`'s day, at a working time (strictly after `ms`). */
export function nextWorkingTime(ms: number, rng: Rng): number {
  let day = Math.floor(ms / DAY_MS);
  for (;;) {
    if (!isWeekendDay(day)) {
      const t = floorSecond(day * DAY_MS + workTimeOfDay(rng));
      if (t > ms) return t;
    }
    day++;
  }
}

/** Most events that would fall on a weekend wait for Monday. */
export function weekdayBias(ms: number, rng: Rng): number {
  const day = Math.floor(ms / DAY_MS);
  if (!isWeekendDay(day) || rng.chance(WEEKEND_WEIGHT)) return ms;
  return nextWorkingTime((isWeekendDay(day + 1) ? day + 2 : day + 1) * DAY_MS, rng);
}

/** Event times in [from, to), `perWeek` on average, weekday-heavy, ascending. */
export function arrivals(rng: Rng, from: number, to: number, perWeek: number): number[] {
  const out: number[] = [];
  const weekdayMean = perWeek / WEEK_WEIGHT;
  const last = Math.ceil(to / DAY_MS);
  for (let day = Math.floor(from / DAY_MS); day < last; day++) {
    const n = rng.poisson(isWeekendDay(day) ? weekdayMean * WEEKEND_WEIGHT : weekdayMean);
    if (n === 0) continue;
    const first = out.length;
    for (let i = 0; i < n; i++) {
      const t = floorSecond(day * DAY_MS + workTimeOfDay(rng));
      if (t >= from && t < to) out.push(t);
    }
    insertionSortTail(out, first);
  }
  return out;
}

/** Sorts a[from..] in place: a day's few events. */
function insertionSortTail(a: number[], from: number): void {
  for (let i = from + 1; i < a.length; i++) {
    const t = a[i]!;
    let j = i - 1;
    while (j >= from && a[j]! > t) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = t;
  }
}

const HH_MM = Array.from({ length: 1440 }, (_, m) => `${two(Math.floor(m / 60))}:${two(m % 60)}:`);
const SS_Z = Array.from({ length: 60 }, (_, s) => `${two(s)}Z`);
/** `yyyy-MM-ddT` by day since the epoch, filled as days are met. */
const DAY_PREFIX: string[] = [];

/** `2026-01-05T14:03:00Z`: whole seconds, UTC, as the ingestion API's examples write them. */
export function toIso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  const prefix = (day >= 0 ? DAY_PREFIX[day] : undefined) ?? dayPrefix(day);
  const s = Math.floor((ms - day * DAY_MS) / 1000);
  return prefix + HH_MM[Math.floor(s / 60)]! + SS_Z[s % 60]!;
}

function dayPrefix(day: number): string {
  const prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
  if (day >= 0) DAY_PREFIX[day] = prefix;
  return prefix;
}

function two(n: number): string {
  return n < 10 ? "0" + n : String(n);
}
