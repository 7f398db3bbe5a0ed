import { describe, expect, it } from "vitest";
import { textWidth } from "./dom";

describe("textWidth", () => {
  // Widths at 12 px in Debian's Chromium, whose system-ui is DejaVu Sans (span, white-space: pre).
  it.each([
    ["2026-W01", 61.5],
    ["2026-01", 50.1],
    ["2026-Q1", 52.4],
    ["4.8 h", 30.5],
    ["14.4 h", 38.1],
    ["3 days", 39.8],
    ["40%", 26.7],
  ])("%s is about %s px", (text, px) => {
    expect(textWidth(text, 12)).toBeGreaterThan(px * 0.97);
    expect(textWidth(text, 12)).toBeLessThan(px * 1.03);
  });

  it("grows with the font size", () => {
    expect(textWidth("2026-W01", 24)).toBeCloseTo(2 * textWidth("2026-W01", 12), 6);
  });
});
