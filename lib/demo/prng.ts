// A small seeded PRNG (mulberry32) and the distributions the generators draw from.
// Same seed, same sequence, on every platform: the demo data must be byte-identical across runs.

export class Rng {
  private state: number;
  private spare = NaN;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Standard normal (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = NaN;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(1 - this.next()));
    const a = 2 * Math.PI * this.next();
    this.spare = r * Math.sin(a);
    return r * Math.cos(a);
  }

  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
}

/** Mixes two 32-bit integers into a well-spread 32-bit seed. */
export function mix32(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A seed derived from a base seed and a name (FNV-1a over the name, then mixed). */
export function seedFor(seed: number, name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return mix32(seed, h);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function hex32(h: number): string {
  return HEX[h >>> 24]! + HEX[(h >>> 16) & 255]! + HEX[(h >>> 8) & 255]! + HEX[h & 255]!;
}

/** A 40-hex-digit pseudo commit sha, a pure function of its inputs. */
export function fakeSha(seed: number, n: number): string {
  let h = mix32(seed, n);
  let out = hex32(h);
  for (let i = 0; i < 4; i++) {
    // xorshift32: cheap, and the words only need to look random.
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    out += hex32(h >>> 0);
  }
  return out;
}

/**
 * Yes/no draws with chance `p` but little variance: every run of `size` draws holds about
 * `p × size` yeses in random order, so even a team with few deployments shows its intended rate.
 */
export class Bag {
  private left = 0;
  private hits = 0;

  constructor(
    private readonly rng: Rng,
    private readonly p: number,
    private readonly size = 10,
  ) {}

  next(): boolean {
    if (this.left === 0) {
      const expected = this.p * this.size;
      this.left = this.size;
      this.hits = Math.floor(expected) + (this.rng.chance(expected - Math.floor(expected)) ? 1 : 0);
    }
    const hit = this.rng.next() * this.left < this.hits;
    this.left--;
    if (hit) this.hits--;
    return hit;
  }
}
