// papaparse's rows → the model builder, chunk by chunk: the first row is the header, blank lines
// are skipped, and the parser's complaints become problems at their file line. Shared by the
// browser's parse worker and the server's reading of a small export (parseCsvText).
import Papa from "papaparse";
import { createModelBuilder, emptyExport, type ModelBuilder, type ParsedExport } from "./model";
import { parseErrorKind, parseErrorLine } from "./problems";

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
        builder = createModelBuilder((rows[0] ?? []).map((h) => h.replace(/^\uFEFF/, "").trim()));
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

/** A CSV already in memory, parsed at once (rows as arrays, like the worker). */
export function parseCsvText(text: string): ParsedExport {
  if (text.trim() === "") return emptyExport(["The file is empty."]);
  const feeder = createRowFeeder();
  feeder.chunk(Papa.parse<string[]>(text, { header: false }));
  return feeder.finish();
}
