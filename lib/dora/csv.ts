// CSV text (spec §6): number formats, formula-injection escaping, RFC 4180 quoting, `\n` line ends.
import { columnKind } from "./columns";
import type { CellValue, ExportResult, ExportRow } from "./figures/types";

const DECIMALS = { days: 4, percent: 2, perDay: 4 } as const;

/** A number cell as its column's kind asks: days and DF_Per_Day 4 decimals, percent 2, counts integers; null → empty. */
export function formatNumber(column: string, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "";
  const kind = columnKind(column);
  if (kind === "days" || kind === "percent" || kind === "perDay") return value.toFixed(DECIMALS[kind]);
  return String(Math.round(value));
}

/** Prefixes `'` to text that a spreadsheet would read as a formula (after any leading white space). */
export function escapeText(s: string): string {
  return /^\s*[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** RFC 4180: quote a field holding a comma, a quote, CR or LF, doubling its quotes. */
export function quoteField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One cell as CSV text: numbers formatted, text escaped and quoted, null empty. */
export function csvCell(column: string, value: CellValue): string {
  if (value === null) return "";
  if (typeof value === "number") return formatNumber(column, value);
  return quoteField(escapeText(value));
}

/** A line of already formatted cells (text cells escaped), quoted and ended with `\n`. */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(quoteField).join(",")}\n`;
}

export function csvHeaderLine(columns: readonly string[]): string {
  return csvLine(columns.map(escapeText));
}

/** A hierarchy column's value, or the metric value of that column. */
export function cellValue(row: ExportRow, column: string): CellValue {
  switch (column) {
    case "Team_Id":
      return row.teamId;
    case "Team_Ref_Id":
      return row.teamRefId;
    case "Team_Name":
      return row.teamName;
    case "Parent_Team_Id":
      return row.parentTeamId;
    case "Team_Hierarchy":
      return row.hierarchy;
    case "Org_Tree":
      return row.orgTree;
    case "Period":
      return row.period;
    case "Start_Date":
      return row.startDate;
    case "End_Date":
      return row.endDate;
    default:
      return row.values[column] ?? null;
  }
}

export function csvRowLine(columns: readonly string[], row: ExportRow): string {
  return `${columns.map((c) => csvCell(c, cellValue(row, c))).join(",")}\n`;
}

/** The whole CSV, header first, in chunks of up to `linesPerChunk` lines (for streaming and gzip). */
export function* exportCsvChunks(result: ExportResult, linesPerChunk = 1000): Generator<string> {
  let chunk = csvHeaderLine(result.columns);
  let lines = 1;
  for (const row of result.rows) {
    chunk += csvRowLine(result.columns, row);
    if (++lines >= linesPerChunk) {
      yield chunk;
      chunk = "";
      lines = 0;
    }
  }
  if (chunk !== "") yield chunk;
}

export function exportCsvText(result: ExportResult): string {
  return [...exportCsvChunks(result)].join("");
}
