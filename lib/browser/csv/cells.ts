// Reading single cells of an export.
import type { Rating } from "@/lib/dora";

/**
 * A text cell as people should read it. Exports prefix `'` to cells that begin with = + - @
 * (formula injection, spec §6); the quote is not part of the value.
 */
export function displayText(raw: string): string {
  return raw.startsWith("'") && /^\s*[=+\-@\t\r]/.test(raw.slice(1)) ? raw.slice(1) : raw;
}

/** An empty cell is no data (null), never 0; `ok` is false when the cell holds something that is not a number. */
export function parseNumber(raw: string | undefined): { value: number | null; ok: boolean } {
  const s = raw?.trim() ?? "";
  if (s === "") return { value: null, ok: true };
  const n = Number(s);
  return Number.isFinite(n) ? { value: n, ok: true } : { value: null, ok: false };
}

const RATING_BY_LOWER: Record<string, Rating> = { elite: "Elite", high: "High", medium: "Medium", low: "Low" };

export function parseRating(raw: string | undefined): { value: Rating | null; ok: boolean } {
  const s = raw?.trim() ?? "";
  if (s === "") return { value: null, ok: true };
  const r = RATING_BY_LOWER[s.toLowerCase()];
  return r ? { value: r, ok: true } : { value: null, ok: false };
}
