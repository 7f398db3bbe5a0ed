// Growable column storage for the model: typed arrays that move to the page without copying.

/** A store made close enough to its final size is handed over as it is, not copied to fit. */
const KEEP_SLACK = 1.25;

/** A text column as codes into a dictionary; code 0 is an empty cell. */
export interface TextColumn {
  dict: string[];
  codes: Uint32Array;
}

export class GrowableFloat64 {
  data: Float64Array;
  constructor(capacity: number) {
    this.data = new Float64Array(capacity);
  }
  ensure(size: number) {
    if (size <= this.data.length) return;
    const next = new Float64Array(Math.max(size, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
  done(size: number): Float64Array {
    return this.data.length <= size * KEEP_SLACK ? this.data.subarray(0, size) : this.data.slice(0, size);
  }
}

export class GrowableUint {
  data: Uint32Array;
  constructor(capacity: number) {
    this.data = new Uint32Array(capacity);
  }
  ensure(size: number) {
    if (size <= this.data.length) return;
    const next = new Uint32Array(Math.max(size, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
  done(size: number): Uint32Array {
    return this.data.length <= size * KEEP_SLACK ? this.data.subarray(0, size) : this.data.slice(0, size);
  }
}

export class TextColumnBuilder {
  private readonly index = new Map<string, number>();
  private readonly dict: string[] = [""];
  private readonly codes: GrowableUint;
  constructor(capacity = 1024) {
    this.codes = new GrowableUint(capacity);
  }
  set(row: number, value: string | null) {
    this.codes.ensure(row + 1);
    if (value === null || value === "") return;
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.dict.push(value) - 1;
      this.index.set(value, code);
    }
    this.codes.data[row] = code;
  }
  /** The value of a row already set ("" when empty). */
  valueAt(r: number): string {
    return this.dict[this.codes.data[r] ?? 0] ?? "";
  }
  done(rows: number): TextColumn {
    return { dict: this.dict, codes: this.codes.done(rows) };
  }
}

export function textAt(col: TextColumn | undefined, row: number): string | null {
  const code = col?.codes[row] ?? 0;
  return code === 0 ? null : (col!.dict[code] ?? null);
}
