import { describe, expect, it } from "vitest";
import { RECORD_METRICS } from "@/lib/contract";
import { readRecordsParams, recordsPeriod, recordsSearch, RECORDS_METRICS, WHOLE_RANGE } from "./params";

const monthly = { start: "2026-01-15", end: "2026-06-30", granularity: "MONTHLY" as const };
const read = (query: string, available = true) => readRecordsParams(new URLSearchParams(query), monthly, available);

describe("readRecordsParams", () => {
  it("holds the metrics of the contract", () => expect([...RECORDS_METRICS]).toEqual([...RECORD_METRICS]));

  it.each([
    ["", null],
    ["range=6m", null],
    ["records=lttc&period=2026-03", { metric: "lttc", period: "2026-03" }],
    ["records=CFR&period=2026-01", { metric: "cfr", period: "2026-01" }],
    ["records=fdrt", { metric: "fdrt", period: WHOLE_RANGE }],
    ["records=rework&period=ALL", { metric: "rework", period: WHOLE_RANGE }],
  ])("%s → %j, no note", (query, state) => expect(read(query)).toEqual({ state, notes: [] }));

  it.each([
    ["records=widgets&period=2026-01", 'Unknown records "widgets"'],
    ["records=lttc&period=2026-07", 'no period "2026-07"'],
    ["records=lttc&period=2025-12", 'no period "2025-12"'],
    ["records=lttc&period=2026-W03", 'no period "2026-W03"'],
    ["records=lttc&period=2026-1", 'no period "2026-1"'],
    ["records=lttc&period=<script>", 'no period "<script>"'],
  ])("%s → closed, with a note", (query, note) => {
    const out = read(query);
    expect(out.state).toBeNull();
    expect(out.notes).toHaveLength(1);
    expect(out.notes[0]).toContain(note);
  });

  it("stays closed on a connection without records (Harness), saying why", () => {
    const out = read("records=lttc&period=2026-03", false);
    expect(out.state).toBeNull();
    expect(out.notes[0]).toMatch(/cannot list the records/);
  });

  it("reads the view's own granularity: weeks and quarters, in any case", () => {
    const weekly = { ...monthly, granularity: "WEEKLY" as const };
    expect(readRecordsParams(new URLSearchParams("records=df&period=2026-w03"), weekly, true).state).toEqual({
      metric: "df",
      period: "2026-W03",
    });
    const quarterly = { ...monthly, granularity: "QUARTERLY" as const };
    expect(readRecordsParams(new URLSearchParams("records=df&period=2026-q2"), quarterly, true).state).toEqual({
      metric: "df",
      period: "2026-Q2",
    });
  });
});

describe("recordsPeriod", () => {
  it.each([
    // Clipped to the range, as the export's rows are.
    ["2026-01", { start: "2026-01-15", end: "2026-01-31", previous: null, next: "2026-02" }],
    ["2026-02", { start: "2026-02-01", end: "2026-02-28", previous: "2026-01", next: "2026-03" }],
    ["2026-06", { start: "2026-06-01", end: "2026-06-30", previous: "2026-05", next: null }],
    [WHOLE_RANGE, { start: "2026-01-15", end: "2026-06-30", previous: null, next: null }],
  ])("%s", (label, expected) => expect(recordsPeriod(label, monthly)).toEqual({ label, ...expected }));

  it("knows ISO weeks across a year's end and clips the last one", () => {
    const weekly = { start: "2025-12-22", end: "2026-01-07", granularity: "WEEKLY" as const };
    expect(recordsPeriod("2026-W01", weekly)).toMatchObject({ start: "2025-12-29", end: "2026-01-04" });
    expect(recordsPeriod("2026-W02", weekly)).toMatchObject({ start: "2026-01-05", end: "2026-01-07", next: null });
    expect(recordsPeriod("2025-W53", weekly)).toBeNull();
  });
});

describe("recordsSearch", () => {
  const view = "range=6m&granularity=MONTHLY&aggregation=median&benchmark=sei";
  it("adds the panel's state to the view's search, and takes it away", () => {
    const open = recordsSearch(view, { metric: "mttr", period: "2026-02" });
    expect(open).toBe(`${view}&records=mttr&period=2026-02`);
    expect(recordsSearch(open, null)).toBe(view);
    expect(recordsSearch(open, { metric: "df", period: WHOLE_RANGE })).toBe(`${view}&records=df&period=all`);
  });

  it("round-trips through readRecordsParams", () => {
    const state = { metric: "fdrt" as const, period: "2026-04" };
    expect(readRecordsParams(new URLSearchParams(recordsSearch(view, state)), monthly, true).state).toEqual(state);
  });
});
