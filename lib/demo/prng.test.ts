import { describe, expect, it } from "vitest";
import { Bag, fakeSha, Rng, seedFor } from "./prng";

const draw = (seed: number, n: number): number[] => {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe("Rng", () => {
  it("repeats its sequence for the same seed and differs for another", () => {
    expect(draw(42, 50)).toEqual(draw(42, 50));
    expect(draw(42, 50)).not.toEqual(draw(43, 50));
  });

  it("draws in [0, 1) with a mean near 1/2", () => {
    const xs = draw(1, 10_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((a, b) => a + b) / xs.length).toBeCloseTo(0.5, 1);
  });

  it.each([0.5, 3, 40])("poisson(%d) has that mean", (mean) => {
    const rng = new Rng(9);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += rng.poisson(mean);
    expect(sum / 20_000).toBeGreaterThan(mean * 0.95);
    expect(sum / 20_000).toBeLessThan(mean * 1.05);
  });

  it("int(min, max) covers both bounds and nothing outside", () => {
    const rng = new Rng(3);
    const seen = new Set(Array.from({ length: 1000 }, () => rng.int(2, 5)));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });
});

describe("Bag", () => {
  it.each([
    [0.3, 10, 3],
    [0.05, 20, 1],
    [0, 10, 0],
    [1, 10, 10],
  ])("p=%d over runs of %d holds %d yeses", (p, size, yeses) => {
    const bag = new Bag(new Rng(5), p, size);
    for (let run = 0; run < 5; run++) {
      const hits = Array.from({ length: size }, () => bag.next()).filter(Boolean).length;
      expect(hits).toBe(yeses);
    }
  });
});

describe("seedFor and fakeSha", () => {
  it("derive stable, distinct values", () => {
    expect(seedFor(1, "eng-payments")).toBe(seedFor(1, "eng-payments"));
    expect(seedFor(1, "eng-payments")).not.toBe(seedFor(1, "eng-growth"));
    expect(seedFor(1, "eng")).not.toBe(seedFor(2, "eng"));
  });

  it("makes 40 lower-case hex digits, unique per input", () => {
    const shas = new Set(Array.from({ length: 1000 }, (_, i) => fakeSha(7, i)));
    expect(shas.size).toBe(1000);
    for (const sha of shas) expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(fakeSha(7, 1)).toBe(fakeSha(7, 1));
  });
});
