// The fast reader: a CSV text with no quote marks (an engine export always is one, unless a team's
// name holds a comma or a quote) read line by line straight into the model builder. A cell is a
// pair of positions in the text; numbers and ratings are read from the characters, so the 2.8
// million cells of a 100,000-row export do not each become a string first. A text it cannot read
// the same way as papaparse (quotes, a lone carriage return) is left to papaparse (feed.ts).
import { numberOf, ratingOf, type RowInput } from "./row";

const CR = 13;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
/** Powers of ten that a double holds exactly: m / 10^k is then correctly rounded, as Number() is. */
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** Whether the fast reader reads this text as papaparse would: no quote marks, and lines end in \n or \r\n. */
export function fastReadable(text: string): boolean {
  if (text.includes('"')) return false;
  for (let r = text.indexOf("\r"); r >= 0; r = text.indexOf("\r", r + 1)) {
    if (text.charCodeAt(r + 1) !== 10) return false;
  }
  return true;
}

/** One line's cells as positions in the text; one instance is reused for every line. */
export class TextRow implements RowInput {
  private src = "";
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  length = 0;

  /** Splits the line [from, to) of `src` at its commas. */
  set(src: string, from: number, to: number) {
    this.src = src;
    let n = 0;
    let at = from;
    for (;;) {
      if (n === this.starts.length) this.grow();
      let comma = src.indexOf(",", at);
      if (comma < 0 || comma >= to) comma = to;
      this.starts[n] = at;
      this.ends[n] = comma;
      n++;
      if (comma === to) break;
      at = comma + 1;
    }
    this.length = n;
  }

  private grow() {
    const starts = new Int32Array(this.starts.length * 2);
    const ends = new Int32Array(this.ends.length * 2);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }

  text(i: number): string {
    return i < this.length ? this.src.slice(this.starts[i], this.ends[i]) : "";
  }

  is(i: number, s: string): boolean {
    if (i >= this.length) return s === "";
    const a = this.starts[i]!;
    return this.ends[i]! - a === s.length && this.src.startsWith(s, a);
  }

  number(i: number): number | undefined {
    if (i >= this.length) return NaN;
    const src = this.src;
    const a = this.starts[i]!;
    const b = this.ends[i]!;
    if (a === b) return NaN;
    let k = a;
    const negative = src.charCodeAt(k) === MINUS;
    if (negative) k++;
    let mantissa = 0;
    let digits = 0;
    let decimals = 0;
    let dot = false;
    for (; k < b; k++) {
      const c = src.charCodeAt(k);
      if (c >= ZERO && c <= NINE) {
        mantissa = mantissa * 10 + (c - ZERO);
        digits++;
        if (dot) decimals++;
      } else if (c === DOT && !dot) dot = true;
      // Spaces, exponents, signs elsewhere, letters: read as parseNumber reads them.
      else return numberOf(src.slice(a, b));
    }
    // Past 15 digits the mantissa may not be exact.
    if (digits === 0 || digits > 15) return numberOf(src.slice(a, b));
    const value = decimals === 0 ? mantissa : mantissa / POW10[decimals]!;
    return negative ? -value : value;
  }

  rating(i: number): number {
    if (i >= this.length) return 0;
    const src = this.src;
    const a = this.starts[i]!;
    switch (this.ends[i]! - a) {
      case 0:
        return 0;
      case 3:
        if (src.startsWith("Low", a)) return 4;
        break;
      case 4:
        if (src.startsWith("High", a)) return 2;
        break;
      case 5:
        if (src.startsWith("Elite", a)) return 1;
        break;
      case 6:
        if (src.startsWith("Medium", a)) return 3;
        break;
    }
    return ratingOf(this.text(i));
  }
}

/**
 * Feeds every line of `src` from `from` on to `row`, with its line number in the file (the line
 * before `from` being `firstLine - 1`). Empty lines are skipped, as the papaparse reader skips them.
 * `progress` hears the position reached every few thousand lines.
 */
export function scanLines(
  src: string,
  from: number,
  firstLine: number,
  onRow: (row: RowInput, line: number) => void,
  progress?: (position: number, rows: number) => void,
): void {
  const row = new TextRow();
  const length = src.length;
  let line = firstLine - 1;
  let rows = 0;
  for (let at = from; at < length;) {
    let next = src.indexOf("\n", at);
    if (next < 0) next = length;
    const end = next > at && src.charCodeAt(next - 1) === CR ? next - 1 : next;
    line++;
    if (end > at) {
      row.set(src, at, end);
      onRow(row, line);
      if (++rows % 4096 === 0) progress?.(next, rows);
    }
    at = next + 1;
  }
}
