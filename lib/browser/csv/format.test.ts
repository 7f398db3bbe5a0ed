import { describe, expect, it } from "vitest";
import { displayText, parseNumber, parseRating } from "./cells";
import { formatCell, formatDuration, formatPercent, formatRate } from "./format";
import { parseErrorLine } from "./problems";
import { sniff } from "./sniff";

describe("formatDuration", () => {
  it.each([
    [null, "–"],
    [0, "0 min"],
    [1 / 24 - 1e-9, "60 min"],
    [1 / 24, "1 h"],
    [0.5, "12 h"],
    [1, "1 day"],
    [1.04, "1 day"],
    [2.46, "2.5 days"],
  ])("%s days → %s", (days, text) => expect(formatDuration(days)).toBe(text));
});

describe("other formats", () => {
  it.each([
    [formatPercent(12.345), "12.3%"],
    [formatPercent(null), "–"],
    [formatRate(4.26), "4.3/day"],
    [formatRate(1), "1/day"],
    [formatRate(0.5), "3.5/week"],
    [formatCell("days", 0.12345), "0.1235"],
    [formatCell("count", 1234), "1,234"],
    [formatCell("percent", null), "–"],
  ])("%s", (got, want) => expect(got).toBe(want));
});

describe("cells", () => {
  it.each([
    ["", null, true],
    ["  ", null, true],
    ["0", 0, true],
    ["-1.5", -1.5, true],
    ["abc", null, false],
    ["Infinity", null, false],
  ])("parseNumber(%j)", (raw, value, ok) => expect(parseNumber(raw)).toEqual({ value, ok }));

  it.each([
    ["'=1+1", "=1+1"],
    ["'+x", "+x"],
    ["'-x", "-x"],
    ["'@x", "@x"],
    ["' =x", " =x"],
    ["'x", "'x"],
    ["=x", "=x"],
  ])("displayText(%j) → %j", (raw, shown) => expect(displayText(raw)).toBe(shown));

  it.each([
    ["HIGH", "High", true],
    ["", null, true],
    ["Great", null, false],
  ])("parseRating(%j)", (raw, value, ok) => expect(parseRating(raw)).toEqual({ value, ok }));
});

describe("sniff", () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  it.each([
    [bytes(0x1f, 0x8b, 8), "gzip"],
    [bytes(0x54, 0x65, 0x61), "text"],
  ])("%s → %s", (head, kind) => expect(sniff(head)).toBe(kind));
  it("refuses workbooks and binary files with a sentence", () => {
    expect(sniff(bytes(0x50, 0x4b, 3, 4))).toMatchObject({ problem: expect.stringMatching(/Excel/) });
    expect(sniff(bytes(1, 0, 2))).toMatchObject({ problem: expect.stringMatching(/not text/) });
  });
});

describe("parseErrorLine", () => {
  it.each([
    [{ row: 4 }, 0, 5],
    [{ row: 0 }, 100, 101],
    [{}, 7, 8],
  ])("%j after %s lines → line %s", (e, before, line) => expect(parseErrorLine(e, before)).toBe(line));
});
