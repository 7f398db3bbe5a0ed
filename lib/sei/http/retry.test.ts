import { describe, expect, it } from "vitest";
import { parseRetryAfter, retryDelay, type RetryPolicy } from "./retry";

const policy: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 };

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it.each([
    [undefined, null],
    ["", null],
    ["0", 0],
    ["3", 3000],
    [["2", "9"], 2000],
    ["Thu, 01 Jan 2026 00:00:10 GMT", 10_000],
    ["Wed, 31 Dec 2025 00:00:00 GMT", 0],
    ["soon", null],
    ["-1", null],
  ])("%j → %j", (value, expected) => {
    expect(parseRetryAfter(value as string | string[] | undefined, now)).toBe(expected);
  });
});

describe("retryDelay", () => {
  it.each([
    [0, 0, 50],
    [0, 1, 100],
    [1, 0, 100],
    [3, 1, 800],
    [4, 1, 1000],
    [9, 0, 500],
  ])("attempt %i, random %f → %i ms", (attempt, r, expected) => {
    expect(retryDelay(attempt, null, policy, () => r)).toBe(expected);
  });

  it("waits at least Retry-After", () => {
    expect(retryDelay(0, 3_000, policy, () => 0)).toBe(3_000);
  });

  it("waits Retry-After exactly at the cap, and gives up just above it", () => {
    expect(retryDelay(0, 5_000, policy, () => 0)).toBe(5_000);
    expect(retryDelay(0, 5_001, policy, () => 0)).toBeNull();
  });
});
