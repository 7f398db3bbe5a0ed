import { describe, expect, it } from "vitest";
import { scrollEdges } from "./scroll-box";

const box = (scrollLeft: number, scrollWidth: number, clientWidth = 300, scrollHeight = 100, clientHeight = 100) => ({
  scrollLeft,
  scrollWidth,
  clientWidth,
  scrollHeight,
  clientHeight,
});

describe("scrollEdges", () => {
  it.each([
    ["fits: no shadow, not a scroll region", box(0, 300), { left: false, right: false, overflows: false }],
    ["at the start of a wide table: more on the right", box(0, 700), { left: false, right: true, overflows: true }],
    ["in the middle: more on both sides", box(200, 700), { left: true, right: true, overflows: true }],
    ["at the end: more on the left", box(400, 700), { left: true, right: false, overflows: true }],
    ["a pixel of rounding is not more", box(0.5, 301), { left: false, right: false, overflows: false }],
    [
      "tall, not wide: scrolls, no sideways shadow",
      box(0, 300, 300, 900, 480),
      { left: false, right: false, overflows: true },
    ],
  ])("%s", (_, b, want) => {
    expect(scrollEdges(b)).toEqual(want);
  });
});
