import { describe, expect, it } from "vitest";
import { Rng } from "./prng";
import { addMonthsUtc, arrivals, isWeekendDay, nextWorkingTime, toIso } from "./time";
import { DAY_MS } from "@/lib/dora";

const ms = (iso: string): number => Date.parse(iso);

describe("toIso", () => {
  it.each([
    ["2026-01-05T14:03:00.000Z", "2026-01-05T14:03:00Z"],
    ["2026-01-05T00:00:00.000Z", "2026-01-05T00:00:00Z"],
    ["2026-01-05T23:59:59.999Z", "2026-01-05T23:59:59Z"],
    ["2024-02-29T09:05:07.000Z", "2024-02-29T09:05:07Z"],
    ["1999-12-31T23:59:59.000Z", "1999-12-31T23:59:59Z"],
  ])("%s → %s", (input, expected) => {
    expect(toIso(ms(input))).toBe(expected);
  });
});

describe("addMonthsUtc", () => {
  it.each([
    ["2026-03-01T00:00:00Z", -18, "2024-09-01T00:00:00.000Z"],
    ["2026-01-15T00:00:00Z", -36, "2023-01-15T00:00:00.000Z"],
    ["2026-01-15T06:30:00Z", 1, "2026-02-15T06:30:00.000Z"],
  ])("%s %+d months → %s", (from, months, expected) => {
    expect(new Date(addMonthsUtc(ms(from), months)).toISOString()).toBe(expected);
  });
});

describe("isWeekendDay", () => {
  it.each([
    ["2026-01-02", false], // Friday
    ["2026-01-03", true], // Saturday
    ["2026-01-04", true], // Sunday
    ["2026-01-05", false], // Monday
  ])("%s → %s", (date, weekend) => {
    expect(isWeekendDay(ms(`${date}T00:00:00Z`) / DAY_MS)).toBe(weekend);
  });
});

describe("nextWorkingTime", () => {
  it("from a Saturday lands on the next Monday, strictly later", () => {
    const saturday = ms("2026-01-03T10:00:00Z");
    const t = nextWorkingTime(saturday, new Rng(1));
    expect(new Date(t).getUTCDay()).toBe(1);
    expect(t).toBeGreaterThan(saturday);
  });
});

describe("arrivals", () => {
  const from = ms("2025-01-01T00:00:00Z");
  const to = ms("2026-01-01T00:00:00Z");
  const times = arrivals(new Rng(7), from, to, 20);

  it("stay in [from, to), ascending, on whole seconds", () => {
    expect(times[0]).toBeGreaterThanOrEqual(from);
    expect(times.at(-1)).toBeLessThan(to);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
    expect(times.every((t) => t % 1000 === 0)).toBe(true);
  });

  it("average the weekly rate and fall mostly on weekdays", () => {
    expect(times.length / (365 / 7)).toBeGreaterThan(18);
    expect(times.length / (365 / 7)).toBeLessThan(22);
    const weekend = times.filter((t) => isWeekendDay(Math.floor(t / DAY_MS))).length;
    expect(weekend / times.length).toBeLessThan(0.1);
    expect(weekend).toBeGreaterThan(0);
  });
});
