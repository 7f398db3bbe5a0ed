import { describe, expect, it } from "vitest";
import { Admission } from "./admission";

describe("Admission", () => {
  it("gives out its places, no more, and takes each back once", () => {
    const a = new Admission(2);
    const first = a.enter();
    const second = a.enter();
    expect(first && second).toBeTruthy();
    expect(a.enter()).toBeNull();
    first!();
    first!();
    expect(a.inUse).toBe(1);
    expect(a.enter()).not.toBeNull();
    expect(a.enter()).toBeNull();
  });

  it.each([
    [[], 1],
    [[100, 200, 300], 1],
    [Array(30).fill(4200), 5],
  ])("Retry-After after batches of %j ms → %i s", (durations, seconds) => {
    const a = new Admission(1);
    for (const ms of durations) a.observe(ms);
    expect(a.retryAfterSeconds()).toBe(seconds);
  });
});
