import { describe, expect, it } from "vitest";
import { epochDay } from "../zone";
import { fieldPath, isWellFormed, rangeProblem } from "./common";

describe("epochDay", () => {
  it.each<[string, number | null]>([
    ["1970-01-01", 0],
    ["2026-01-05", 20458],
    ["1969-12-31", -1],
    ["2000-02-29", 11016],
    ["0099-12-31", -683004],
    ["1900-02-29", null],
    ["2100-02-29", null],
    ["2026-04-31", null],
    ["2026-00-10", null],
    ["2026-01-00", null],
    ["2026-1-1", null],
    ["20260101", null],
    [" 2026-01-01", null],
  ])("%s → %s", (date, expected) => {
    expect(epochDay(date)).toBe(expected);
  });

  it("agrees with Date.UTC over a span of years", () => {
    for (let t = Date.UTC(1999, 0, 1); t < Date.UTC(2031, 0, 1); t += 86_400_000 * 13) {
      expect(epochDay(new Date(t).toISOString().slice(0, 10))).toBe(t / 86_400_000);
    }
  });
});

describe("rangeProblem", () => {
  it.each<[string, string, string | null]>([
    ["2026-01-01", "2026-01-01", null],
    ["2026-01-02", "2026-01-01", "must not be before start"],
    ["2024-01-01", "2027-01-01", null],
    ["2024-01-01", "2027-01-02", "must be at most 1096 days after start"],
    ["bad", "2026-01-01", null],
  ])("%s..%s", (start, end, expected) => {
    expect(rangeProblem(start, end, "start")).toBe(expected);
  });
});

describe("fieldPath", () => {
  it.each<[PropertyKey[], string]>([
    [[], "body"],
    [["scope", "teamId"], "scope.teamId"],
    [["metricGroups", 2], "metricGroups[2]"],
    [["efficiency", "metrics", 0], "efficiency.metrics[0]"],
  ])("%j → %s", (path, expected) => {
    expect(fieldPath(path)).toBe(expected);
  });
});

describe("isWellFormed", () => {
  it.each([
    ["plain", "team-1", true],
    ["accents", "équipe", true],
    ["a surrogate pair", "😀", true],
    ["a lone high surrogate", "ls-\ud800", false],
    ["a lone low surrogate", "\udfff-x", false],
    ["a pair the wrong way round", "\udc00\ud800", false],
  ])("%s → %s", (_name, text, expected) => {
    expect(isWellFormed(text)).toBe(expected);
  });
});
