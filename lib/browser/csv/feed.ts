// A CSV text → the model, by the fast reader (scan.ts) when the text allows, else by papaparse's
// rows fed to the model builder chunk by chunk: the first row is the header, blank lines are
// skipped, and the parser's complaints become problems at their file line. Shared by the
// browser's parse worker and the server's reading of a small export (parseCsvText).
import Papa from "papaparse";
import { createModelBuilder, emptyExport, type ModelBuilder, type ParsedExport } from "./model";
import { parseErrorKind, parseErrorLine } from "./problems";
import { fastReadable, scanLines } from "./scan";

const CHUNK_CHARS = 512 * 1024;
const cleanHeader = (h: string) => h.replace(/^\uFEFF/, "").trim();

export interface RowFeeder {
  /** Feeds one chunk of parsed rows; returns the data rows read so far. */
  chunk(results: Papa.ParseResult<string[]>): number;
  finish(): ParsedExport;
}

export function createRowFeeder(): RowFeeder {
  let builder: ModelBuilder | null = null;
  let line = 0;
  return {
    chunk(results) {
      const linesBefore = line;
      let rows = results.data;
      if (!builder) {
        builder = createModelBuilder((rows[0] ?? []).map(cleanHeader));
        rows = rows.slice(1);
        line = 1;
      }
      for (const e of results.errors) {
        if (e.code !== "UndetectableDelimiter")
          builder.problemAt(parseErrorKind(e.code, e.type), parseErrorLine(e, linesBefore));
      }
      for (const cells of rows) {
        line++;
        if (cells.length === 1 && cells[0] === "") continue;
        builder.add(cells, line);
      }
      return line - 1;
    },
    finish: () => (builder ? builder.finish() : emptyExport(["The file is empty."])),
  };
}

/**
 * A CSV already in memory → the model. A text without quote marks and with commas for separators
 * (as every engine export whose team names hold no comma) goes to the fast reader; any other to
 * papaparse, in chunks. `progress` hears the share of the text read and the rows so far.
 */
export function parseCsv(text: string, progress?: (fraction: number, rows: number) => void): ParsedExport {
  if (text.trim() === "") return emptyExport(["The file is empty."]);
  // papaparse guesses the separator from the first lines: the fast reader only reads commas.
  const head = Papa.parse<string[]>(text.slice(0, 64 * 1024), { header: false, preview: 10 });
  if (head.meta.delimiter === "," && fastReadable(text)) {
    const firstEnd = text.indexOf("\n");
    const secondEnd = firstEnd < 0 ? -1 : text.indexOf("\n", firstEnd + 1);
    const lineLength = secondEnd > firstEnd ? secondEnd - firstEnd : text.length;
    const expectedRows = (1.1 * text.length) / lineLength;
    const builder = createModelBuilder((head.data[0] ?? []).map(cleanHeader), expectedRows);
    if (firstEnd >= 0)
      scanLines(text, firstEnd + 1, 2, builder.addRow, (at, rows) =>
        progress?.(Math.min(0.99, at / text.length), rows),
      );
    return builder.finish();
  }
  const feeder = createRowFeeder();
  Papa.parse<string[]>(text, {
    header: false,
    chunkSize: CHUNK_CHARS,
    chunk(results: Papa.ParseResult<string[]>) {
      const rows = feeder.chunk(results);
      progress?.(Math.min(0.99, results.meta.cursor / text.length), rows);
    },
    complete() {},
  });
  return feeder.finish();
}

/** A CSV already in memory, parsed at once (rows as arrays, like the worker). */
export function parseCsvText(text: string): ParsedExport {
  return parseCsv(text);
}
