// One data row as the model builder reads it, whichever reader found its cells: papaparse's array
// of strings, or the fast reader's positions in the text (scan.ts), which reads numbers and ratings
// without first making a string of every cell. Both read a cell exactly as parseNumber and
// parseRating do.
import { parseNumber, parseRating } from "./cells";

export interface RowInput {
  /** How many cells the row has. */
  readonly length: number;
  /** A cell as written (not trimmed); "" past the row's end. */
  text(i: number): string;
  /** A cell as a number: NaN when empty (no data), undefined when it is not a number. */
  number(i: number): number | undefined;
  /** A cell as a rating code: 0 empty, 1–4 Elite to Low, -1 when it is not a rating. */
  rating(i: number): number;
  /** Whether a cell is exactly `s` as written. */
  is(i: number, s: string): boolean;
}

const RATING_CODE = { Elite: 1, High: 2, Medium: 3, Low: 4 } as const;

export function numberOf(raw: string | undefined): number | undefined {
  const { value, ok } = parseNumber(raw);
  return ok ? (value ?? NaN) : undefined;
}

export function ratingOf(raw: string | undefined): number {
  const { value, ok } = parseRating(raw);
  return ok ? (value ? RATING_CODE[value] : 0) : -1;
}

/** A row of papaparse's cells; one instance is reused for every row. */
export class ArrayRow implements RowInput {
  cells: readonly string[] = [];
  get length() {
    return this.cells.length;
  }
  text(i: number): string {
    return this.cells[i] ?? "";
  }
  number(i: number): number | undefined {
    const raw = this.cells[i];
    if (raw === undefined || raw === "") return NaN;
    return numberOf(raw);
  }
  rating(i: number): number {
    const raw = this.cells[i];
    switch (raw) {
      case undefined:
      case "":
        return 0;
      case "Elite":
        return 1;
      case "High":
        return 2;
      case "Medium":
        return 3;
      case "Low":
        return 4;
      default:
        return ratingOf(raw);
    }
  }
  is(i: number, s: string): boolean {
    return this.cells[i] === s;
  }
}
