import { describe, expect, it } from "vitest";
import { MAX_RANGE_DAYS as SCHEMA_MAX_RANGE_DAYS } from "@/lib/dora/schemas/common";
import { MAX_RANGE_DAYS, presetRange, previousRange, readViewParams, viewSearch } from "./view-params";

const read = (q: string, today = "2026-11-26") => readViewParams(new URLSearchParams(q), today);

describe("presetRange", () => {
  it.each([
    ["6m", "2026-11-26", "2026-05-01", "2026-10-31"],
    ["3m", "2026-01-15", "2025-10-01", "2025-12-31"],
    ["12m", "2026-03-01", "2025-03-01", "2026-02-28"],
    ["qtd", "2026-11-26", "2026-10-01", "2026-11-26"],
    ["ytd", "2026-11-26", "2026-01-01", "2026-11-26"],
    // 2026-11-26 is a Thursday: the last full ISO week ended Sunday 2026-11-22.
    ["4w", "2026-11-26", "2026-10-26", "2026-11-22"],
    // On a Monday the week that just ended counts.
    ["4w", "2026-11-23", "2026-10-26", "2026-11-22"],
  ] as const)("%s on %s is %s..%s", (preset, today, start, end) => {
    expect(presetRange(preset, today)).toEqual({ start, end });
  });
});

describe("readViewParams", () => {
  it("defaults: the last 6 full months, MONTHLY, median, sei", () => {
    expect(read("")).toEqual({
      view: {
        range: "6m",
        start: "2026-05-01",
        end: "2026-10-31",
        granularity: "MONTHLY",
        aggregation: "median",
        benchmark: "sei",
      },
      notes: [],
    });
  });

  it("reads every parameter, case-insensitively", () => {
    const { view, notes } = read(
      "range=custom&start=2026-01-01&end=2026-03-31&granularity=weekly&aggregation=P90&benchmark=DORA-2023",
    );
    expect(notes).toEqual([]);
    expect(view).toMatchObject({
      range: "custom",
      start: "2026-01-01",
      end: "2026-03-31",
      granularity: "WEEKLY",
      aggregation: "p90",
      benchmark: "dora-2023",
    });
  });

  it.each([
    ["granularity=DAILY", /granularity/],
    ["aggregation=max", /aggregation/],
    ["benchmark=nope", /benchmark/],
    ["range=2y", /range/],
    ["range=custom&start=2026-02-30&end=2026-03-01", /real start and end/],
    ["range=custom&start=2026-03-01&end=2026-02-01", /starts after/],
    ["range=custom&start=2020-01-01&end=2026-01-01", /longer than/],
  ])("%s falls back with a note", (q, note) => {
    const { view, notes } = read(q);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(note);
    expect(view.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("round-trips through viewSearch", () => {
    const { view } = read("range=custom&start=2026-01-01&end=2026-03-31&granularity=QUARTERLY");
    expect(read(viewSearch(view)).view).toEqual(view);
  });
});

describe("previousRange", () => {
  it("is the same length, just before", () => {
    // 184 days (May..October) before 2026-05-01.
    expect(previousRange({ start: "2026-05-01", end: "2026-10-31" })).toEqual({
      start: "2025-10-29",
      end: "2026-04-30",
    });
  });
});

describe("MAX_RANGE_DAYS", () => {
  it("is the schemas' limit", () => expect(MAX_RANGE_DAYS).toBe(SCHEMA_MAX_RANGE_DAYS));
});
