import { describe, expect, it } from "vitest";
import { isoWeekLabel, makePeriodIndex, periodLengthDays, periodsFor, wholeRange } from "./periods";
import { dayNumber, startOfDayMs } from "./zone";

const iso = (ms: number) => new Date(ms).toISOString();
const brief = (ps: ReturnType<typeof periodsFor>) => ps.map((p) => `${p.label} ${p.startDate}..${p.endDate}`);

describe("isoWeekLabel", () => {
  it.each([
    ["2026-01-01", "2026-W01"], // a Thursday
    ["2025-12-29", "2026-W01"], // Monday of the week holding 2026-01-01
    ["2026-01-04", "2026-W01"],
    ["2026-01-05", "2026-W02"],
    ["2020-12-31", "2020-W53"],
    ["2021-01-03", "2020-W53"], // Sunday, still the 53rd week of 2020
    ["2021-01-04", "2021-W01"],
    ["2024-12-30", "2025-W01"],
    ["2027-01-01", "2026-W53"],
    ["2026-01-19", "2026-W04"],
  ])("%s is in %s", (date, label) => {
    expect(isoWeekLabel(dayNumber(date))).toBe(label);
  });
});

describe("periodsFor", () => {
  it.each([
    [
      "WEEKLY",
      "2025-12-31",
      "2026-01-14",
      ["2026-W01 2025-12-31..2026-01-04", "2026-W02 2026-01-05..2026-01-11", "2026-W03 2026-01-12..2026-01-14"],
    ],
    ["WEEKLY", "2020-12-28", "2021-01-04", ["2020-W53 2020-12-28..2021-01-03", "2021-W01 2021-01-04..2021-01-04"]],
    [
      "MONTHLY",
      "2026-01-15",
      "2026-03-10",
      ["2026-01 2026-01-15..2026-01-31", "2026-02 2026-02-01..2026-02-28", "2026-03 2026-03-01..2026-03-10"],
    ],
    ["MONTHLY", "2024-02-01", "2024-02-29", ["2024-02 2024-02-01..2024-02-29"]],
    [
      "QUARTERLY",
      "2025-11-20",
      "2026-04-02",
      ["2025-Q4 2025-11-20..2025-12-31", "2026-Q1 2026-01-01..2026-03-31", "2026-Q2 2026-04-01..2026-04-02"],
    ],
    [
      "DAILY",
      "2026-01-30",
      "2026-02-01",
      ["2026-01-30 2026-01-30..2026-01-30", "2026-01-31 2026-01-31..2026-01-31", "2026-02-01 2026-02-01..2026-02-01"],
    ],
  ] as const)("%s %s..%s", (granularity, start, end, expected) => {
    expect(brief(periodsFor({ start, end }, granularity, "UTC"))).toEqual(expected);
  });

  it("a one-day range gives one clipped period", () => {
    expect(brief(periodsFor({ start: "2026-01-07", end: "2026-01-07" }, "WEEKLY", "UTC"))).toEqual([
      "2026-W02 2026-01-07..2026-01-07",
    ]);
  });

  it("rejects an end before the start and impossible dates", () => {
    expect(() => periodsFor({ start: "2026-01-02", end: "2026-01-01" }, "WEEKLY", "UTC")).toThrow(RangeError);
    expect(() => periodsFor({ start: "2026-02-30", end: "2026-03-01" }, "WEEKLY", "UTC")).toThrow(RangeError);
    expect(() => periodsFor({ start: "2026-1-01", end: "2026-03-01" }, "WEEKLY", "UTC")).toThrow(RangeError);
  });

  it("periods are contiguous in a zone: each ends where the next starts", () => {
    const ps = periodsFor({ start: "2026-01-01", end: "2026-12-31" }, "WEEKLY", "America/New_York");
    for (let i = 1; i < ps.length; i++) expect(ps[i]!.startMs).toBe(ps[i - 1]!.endMs);
    expect(iso(ps[0]!.startMs)).toBe("2026-01-01T05:00:00.000Z");
    expect(iso(ps[ps.length - 1]!.endMs)).toBe("2027-01-01T05:00:00.000Z");
  });
});

describe("zone midnights", () => {
  it.each([
    ["UTC", "2026-03-08", "2026-03-08T00:00:00.000Z", 24],
    ["America/New_York", "2026-03-07", "2026-03-07T05:00:00.000Z", 24],
    ["America/New_York", "2026-03-08", "2026-03-08T05:00:00.000Z", 23], // spring forward
    ["America/New_York", "2026-11-01", "2026-11-01T04:00:00.000Z", 25], // fall back
    ["Australia/Sydney", "2026-04-05", "2026-04-04T13:00:00.000Z", 25], // DST ends
    ["Australia/Sydney", "2026-10-04", "2026-10-03T14:00:00.000Z", 23], // DST starts
    ["America/Santiago", "2026-09-06", "2026-09-06T04:00:00.000Z", 23], // midnight skipped: the day starts at 01:00
    ["Asia/Kathmandu", "2026-01-01", "2025-12-31T18:15:00.000Z", 24],
  ])("%s %s starts at %s and lasts %ih", (zone, date, start, hours) => {
    const p = periodsFor({ start: date, end: date }, "WEEKLY", zone)[0]!;
    expect(iso(p.startMs)).toBe(start);
    expect((p.endMs - p.startMs) / 3_600_000).toBe(hours);
  });

  it("a week holding a DST change is 167 hours but 7 calendar days", () => {
    const p = periodsFor({ start: "2026-03-02", end: "2026-03-08" }, "WEEKLY", "America/New_York")[0]!;
    expect((p.endMs - p.startMs) / 3_600_000).toBe(167);
    expect(periodLengthDays(p)).toBe(7);
  });

  it("an unknown zone throws", () => {
    expect(() => startOfDayMs(dayNumber("2026-01-01"), "Mars/Olympus")).toThrow(RangeError);
  });
});

describe("periodLengthDays and wholeRange", () => {
  it.each([
    ["2026-01-01", "2026-01-01", 1],
    ["2026-01-01", "2026-01-31", 31],
    ["2024-01-01", "2024-12-31", 366],
  ])("%s..%s is %i days", (start, end, days) => {
    const total = wholeRange({ start, end }, "UTC");
    expect(total.label).toBe("TOTAL");
    expect([total.startDate, total.endDate]).toEqual([start, end]);
    expect(periodLengthDays(total)).toBe(days);
  });
});

describe("makePeriodIndex", () => {
  const ps = periodsFor({ start: "2026-01-01", end: "2026-03-31" }, "MONTHLY", "Australia/Sydney");
  const locate = makePeriodIndex(ps);
  it.each([
    ["before the range", ps[0]!.startMs - 1, -1],
    ["at the range's first instant", ps[0]!.startMs, 0],
    ["one ms before the second period", ps[1]!.startMs - 1, 0],
    ["exactly at midnight starting the second period", ps[1]!.startMs, 1],
    ["inside the last period", ps[2]!.startMs + 5, 2],
    ["one ms before the range's end", ps[2]!.endMs - 1, 2],
    ["exactly at the range's end", ps[2]!.endMs, -1],
    ["NaN", Number.NaN, -1],
  ])("%s → %i", (_name, ms, index) => {
    expect(locate(ms)).toBe(index);
  });

  it("an empty list locates nothing", () => {
    expect(makePeriodIndex([])(0)).toBe(-1);
  });
});
