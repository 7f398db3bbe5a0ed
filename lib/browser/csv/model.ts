// CSV rows → a per-team model of an export. Pure: runs in the parse worker and in unit tests.
// Bad input never throws; what could not be read is explained in `problems`.
import type { Aggregation, Rating } from "@/lib/dora/types";
import { classifyColumn, pickMetricColumns, type ColumnInfo, type MetricKey, type RatingKey } from "./columns";
import { createProblemLog } from "./problems";
import { displayText, parseNumber, parseRating } from "./cells";

export type CsvRow = Record<string, string | undefined>;

export interface PeriodRow {
  /** `2026-01`, `2026-W03`, `2026-Q1`, or `TOTAL` for the summary row. */
  period: string;
  start: string | null;
  end: string | null;
  /** Line of the file (the header is line 1). */
  line: number;
  /** Numeric columns by column name; an empty cell is null, never 0. */
  values: Record<string, number | null>;
  /** Rating columns by column name. */
  ratings: Record<string, Rating | null>;
  /** Columns the model does not know, by name, as display text. */
  extra: Record<string, string | null>;
}

export interface TeamExport {
  id: string;
  refId: number | null;
  name: string;
  parentId: string | null;
  /** Names from the root down to this team. */
  hierarchy: string[];
  orgTree: string | null;
  /** Period rows in time order, without the summary row. */
  periods: PeriodRow[];
  /** The `TOTAL` row over the whole range, when the export has the summary group. */
  total: PeriodRow | null;
}

export interface ParsedExport {
  /** Every column of the header, in file order. */
  columns: ColumnInfo[];
  unknownColumns: string[];
  /** The aggregation the charts use (from `<STAGE>_<Agg>_Days`), or null when there is none. */
  aggregation: Aggregation | null;
  metricColumns: Partial<Record<MetricKey, string>>;
  ratingColumns: Partial<Record<RatingKey, string>>;
  /** Teams in file order (the export's tree order). */
  teams: TeamExport[];
  rowCount: number;
  /** What could not be read, as sentences. Empty when all is well. */
  problems: string[];
}

export interface ModelBuilder {
  /** Adds one data row; `line` is its line in the file. */
  add(row: CsvRow, line: number): void;
  /** Records a problem found outside the rows (by the parser). */
  problemAt(kind: string, line: number): void;
  note(message: string): void;
  finish(): ParsedExport;
}

export function createModelBuilder(header: readonly string[]): ModelBuilder {
  const columns = header.map(classifyColumn);
  const log = createProblemLog();
  const teams = new Map<string, TeamExport>();
  const col = hierarchyLookup(columns);
  let rowCount = 0;
  if (columns.length <= 1 && columns.every((c) => c.role === "unknown")) {
    log.note("This does not look like a CSV export: its first line is not a list of column names separated by commas.");
  }
  if (!col.Team_Id) log.note(col.Team_Name ? "There is no Team_Id column, so rows are grouped by Team_Name." : "There is no Team_Id column, so all rows are shown as one team.");
  if (!col.Period) log.note("There is no Period column, so rows are shown in file order and no TOTAL row is recognised.");

  function teamFor(row: CsvRow, line: number): TeamExport {
    const raw = (col.Team_Id ? row[col.Team_Id] : col.Team_Name ? row[col.Team_Name] : "")?.trim() ?? "";
    if (col.Team_Id && raw === "") log.at("Some rows have no Team_Id; they are shown as one team named “(no Team_Id)”", line);
    const existing = teams.get(raw);
    if (existing) return existing;
    const text = (c: string | undefined) => (c ? displayText(row[c]?.trim() ?? "") || null : null);
    const name = text(col.Team_Name) ?? (raw || (col.Team_Id ? "(no Team_Id)" : "All rows"));
    const team: TeamExport = {
      id: raw,
      refId: col.Team_Ref_Id ? parseNumber(row[col.Team_Ref_Id]).value : null,
      name,
      parentId: text(col.Parent_Team_Id),
      hierarchy: text(col.Team_Hierarchy)?.split(" / ") ?? [name],
      orgTree: text(col.Org_Tree),
      periods: [],
      total: null,
    };
    teams.set(raw, team);
    return team;
  }

  function toPeriodRow(row: CsvRow, line: number): PeriodRow {
    const out: PeriodRow = { period: "", start: null, end: null, line, values: {}, ratings: {}, extra: {} };
    for (const c of columns) {
      const raw = row[c.name];
      if (c.role === "metric") {
        const { value, ok } = parseNumber(raw);
        if (!ok) log.at(`Column ${c.name} has values that are not numbers; they are shown as no data`, line);
        out.values[c.name] = value;
      } else if (c.role === "rating") {
        const { value, ok } = parseRating(raw);
        if (!ok) log.at(`Column ${c.name} has values that are not Elite, High, Medium or Low; they are shown as no rating`, line);
        out.ratings[c.name] = value;
      } else if (c.role === "unknown") {
        out.extra[c.name] = raw === undefined || raw === "" ? null : displayText(raw);
      }
    }
    out.period = (col.Period ? row[col.Period]?.trim() : undefined) || `Line ${line}`;
    out.start = (col.Start_Date && row[col.Start_Date]?.trim()) || null;
    out.end = (col.End_Date && row[col.End_Date]?.trim()) || null;
    return out;
  }

  return {
    add(row, line) {
      rowCount++;
      const team = teamFor(row, line);
      const period = toPeriodRow(row, line);
      if (col.Period && period.period.toUpperCase() === "TOTAL") team.total = period;
      else team.periods.push(period);
    },
    problemAt: log.at,
    note: log.note,
    finish() {
      if (rowCount === 0) log.note("The file has a header but no rows of data.");
      const picked = pickMetricColumns(columns);
      if (Object.keys(picked.metrics).length === 0 && Object.keys(picked.ratings).length === 0 && rowCount > 0) {
        log.note("No column of a Fourfold or Harness export was recognised (such as LTTC_Mean_Days or DF_Deployment_Count), so there is nothing to chart.");
      }
      const list = [...teams.values()];
      for (const t of list) if (t.periods.every((p) => p.start !== null)) t.periods.sort(byStart);
      return {
        columns,
        unknownColumns: columns.filter((c) => c.role === "unknown").map((c) => c.name),
        aggregation: picked.aggregation,
        metricColumns: picked.metrics,
        ratingColumns: picked.ratings,
        teams: list,
        rowCount,
        problems: log.messages(),
      };
    },
  };
}

/** The whole model from rows already parsed (papaparse with `header: true`). */
export function toExportModel(rows: readonly CsvRow[], header: readonly string[]): ParsedExport {
  if (header.length === 0 || (header.length === 1 && header[0]!.trim() === "")) return emptyExport(["The file is empty."]);
  const builder = createModelBuilder(header);
  rows.forEach((row, i) => builder.add(row, i + 2));
  return builder.finish();
}

export function emptyExport(problems: string[]): ParsedExport {
  return { columns: [], unknownColumns: [], aggregation: null, metricColumns: {}, ratingColumns: {}, teams: [], rowCount: 0, problems };
}

type HierarchyLookup = Partial<Record<"Team_Id" | "Team_Ref_Id" | "Team_Name" | "Parent_Team_Id" | "Team_Hierarchy" | "Org_Tree" | "Period" | "Start_Date" | "End_Date", string>>;

function hierarchyLookup(columns: readonly ColumnInfo[]): HierarchyLookup {
  const out: HierarchyLookup = {};
  for (const c of columns) if (c.role === "hierarchy") out[c.hierarchy] ??= c.name;
  return out;
}

function byStart(a: PeriodRow, b: PeriodRow): number {
  return a.start! < b.start! ? -1 : a.start! > b.start! ? 1 : 0;
}
