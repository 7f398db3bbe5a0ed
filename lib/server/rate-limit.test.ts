import { describe, expect, it } from "vitest";
import { WindowLimiter } from "./rate-limit";

describe("WindowLimiter", () => {
  it("allows `limit` hits per window per key, then says when to retry", () => {
    let now = 1_000;
    const limiter = new WindowLimiter(2, 60_000, () => now);
    expect(limiter.take("a")).toBe(true);
    now += 10_000;
    expect(limiter.take("a")).toBe(true);
    expect(limiter.check("a")).toEqual({ allowed: false, retryAfterMs: 50_000 });
    expect(limiter.take("b")).toBe(true);
    now += 50_000;
    expect(limiter.take("a")).toBe(true);
  });
});
