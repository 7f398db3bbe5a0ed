// CSV rows → a compact per-team model of an export. Pure: runs in the parse worker and in unit
// tests. Cells live in typed arrays (moved, not copied, to the page); `teamRows` turns one team
// back into plain rows. Bad input never throws: what could not be read is explained in `problems`.
import type { Aggregation, Rating } from "@/lib/dora";
import { displayText } from "./cells";
import { classifyColumn, pickMetricColumns, type ColumnInfo, type MetricKey, type RatingKey } from "./columns";
import { createProblemLog } from "./problems";
import { ArrayRow, type RowInput } from "./row";
import { GrowableFloat64, GrowableUint, TextColumnBuilder, textAt, type TextColumn } from "./store";

export type CsvRow = Record<string, string | undefined>;

export interface TeamExport {
  id: string;
  refId: number | null;
  name: string;
  parentId: string | null;
  /** Names from the root down to this team. */
  hierarchy: string[];
  orgTree: string | null;
  /**
   * Indices into the cell store of the period rows, in time order (the TOTAL row apart). Views
   * into one shared Uint32Array once the model has come from the worker (see packTeamRows).
   */
  rows: number[] | Uint32Array;
  totalRow: number | null;
}

export interface CellStore {
  /** Metric cells, row-major (rowCount × metric columns); NaN is an empty cell. */
  numbers: Float64Array;
  /** Rating cells, row-major (rowCount × rating columns); 0 is empty, 1–4 Elite to Low. */
  ratings: Uint32Array;
  /** The file line of each row (the header is line 1). */
  lines: Uint32Array;
  /** Period, Start_Date, End_Date and the unknown columns, by column name. */
  text: Record<string, TextColumn>;
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
  cells: CellStore;
  rowCount: number;
  /** What could not be read, as sentences. Empty when all is well. */
  problems: string[];
}

export interface PeriodRow {
  /** `2026-01`, `2026-W03`, `2026-Q1`, or `TOTAL` for the summary row. */
  period: string;
  start: string | null;
  end: string | null;
  line: number;
  /** Metric columns by name; an empty cell is null, never 0. */
  values: Record<string, number | null>;
  ratings: Record<string, Rating | null>;
  /** Unknown columns by name, as display text. */
  extra: Record<string, string | null>;
}

/** One team as plain rows: what series, summaries and tables read. */
export interface TeamRows {
  periods: PeriodRow[];
  total: PeriodRow | null;
}

export interface ModelBuilder {
  /** Adds one data row, cells in header order; `line` is its line in the file. */
  add(cells: readonly string[], line: number): void;
  /** The same for a row read by the fast reader (or any RowInput). */
  addRow(row: RowInput, line: number): void;
  /** Records a problem found by the parser at a line. */
  problemAt(kind: string, line: number): void;
  finish(): ParsedExport;
}

const RATING_BY_CODE: (Rating | null)[] = [null, "Elite", "High", "Medium", "Low"];
const TEXT_HIERARCHY = new Set(["Period", "Start_Date", "End_Date"]);

/**
 * `expectedRows`: a guess of the file's rows (its size over a line's), so that the cell stores are
 * made once at about the right size rather than grown and copied on the way.
 */
export function createModelBuilder(header: readonly string[], expectedRows = 1024): ModelBuilder {
  const columns = header.map(classifyColumn);
  const log = createProblemLog();
  const at = (name: string) => {
    const i = columns.findIndex((c) => c.role === "hierarchy" && c.hierarchy === name);
    return i < 0 ? undefined : i;
  };
  const metricIdx = columns.flatMap((c, i) => (c.role === "metric" ? [i] : []));
  const ratingIdx = columns.flatMap((c, i) => (c.role === "rating" ? [i] : []));
  const textIdx = columns.flatMap((c, i) =>
    c.role === "unknown" || (c.role === "hierarchy" && TEXT_HIERARCHY.has(c.hierarchy)) ? [i] : [],
  );
  const capacity = Math.max(16, Math.ceil(expectedRows));
  const textCols = textIdx.map(() => new TextColumnBuilder(capacity));
  const numbers = new GrowableFloat64(capacity * Math.max(1, metricIdx.length));
  const ratings = new GrowableUint(capacity * Math.max(1, ratingIdx.length));
  const lines = new GrowableUint(capacity);
  const teams = new Map<string, TeamExport>();
  const [idCol, nameCol, periodCol] = [at("Team_Id"), at("Team_Name"), at("Period")];
  let rowCount = 0;

  if (columns.length <= 1 && columns.every((c) => c.role === "unknown")) {
    log.note("This does not look like a CSV export: its first line is not a list of column names separated by commas.");
  }
  if (idCol === undefined)
    log.note(
      nameCol !== undefined
        ? "There is no Team_Id column, so rows are grouped by Team_Name."
        : "There is no Team_Id column, so all rows are shown as one team.",
    );
  if (periodCol === undefined)
    log.note("There is no Period column, so rows are shown in file order and no TOTAL row is recognised.");

  const idOrName = idCol ?? nameCol;
  // Rows of a team come together: a row whose id cell reads as the previous row's is that team's.
  let lastTeam: TeamExport | null = null;
  let lastRaw = "";

  function teamFor(row: RowInput, line: number): TeamExport {
    if (lastTeam && lastRaw !== "" && idOrName !== undefined && row.is(idOrName, lastRaw)) return lastTeam;
    const written = idOrName === undefined ? "" : row.text(idOrName);
    const raw = written.trim();
    if (idCol !== undefined && raw === "")
      log.at("Some rows have no Team_Id; they are shown as one team named “(no Team_Id)”", line);
    const team = teams.get(raw) ?? newTeam(row, raw);
    lastTeam = team;
    lastRaw = written;
    return team;
  }

  function newTeam(row: RowInput, raw: string): TeamExport {
    const text = (name: string) => {
      const i = at(name);
      return i === undefined ? null : displayText(row.text(i).trim()) || null;
    };
    const name = text("Team_Name") ?? (raw || (idCol !== undefined ? "(no Team_Id)" : "All rows"));
    const refCol = at("Team_Ref_Id");
    const refId = refCol === undefined ? undefined : row.number(refCol);
    const team: TeamExport = {
      id: raw,
      refId: refId === undefined || Number.isNaN(refId) ? null : refId,
      name,
      parentId: text("Parent_Team_Id"),
      hierarchy: text("Team_Hierarchy")?.split(" / ") ?? [name],
      orgTree: text("Org_Tree"),
      rows: [],
      totalRow: null,
    };
    teams.set(raw, team);
    return team;
  }

  const nm = metricIdx.length;
  const nr = ratingIdx.length;
  const notNumbers = metricIdx.map(
    (ci) => `Column ${columns[ci]!.name} has values that are not numbers; they are shown as no data`,
  );
  const notRatings = ratingIdx.map(
    (ci) =>
      `Column ${columns[ci]!.name} has values that are not Elite, High, Medium or Low; they are shown as no rating`,
  );
  const unknownText = textIdx.map((ci) => columns[ci]!.role === "unknown");

  function store(row: RowInput, r: number, line: number) {
    numbers.ensure((r + 1) * nm);
    ratings.ensure((r + 1) * nr);
    lines.ensure(r + 1);
    lines.data[r] = line;
    const nums = numbers.data;
    for (let j = 0; j < nm; j++) {
      const value = row.number(metricIdx[j]!);
      if (value === undefined) log.at(notNumbers[j]!, line);
      nums[r * nm + j] = value ?? NaN;
    }
    const codes = ratings.data;
    for (let j = 0; j < nr; j++) {
      const code = row.rating(ratingIdx[j]!);
      if (code < 0) log.at(notRatings[j]!, line);
      codes[r * nr + j] = code < 0 ? 0 : code;
    }
    for (let j = 0; j < textIdx.length; j++) {
      const raw = row.text(textIdx[j]!).trim();
      textCols[j]!.set(r, unknownText[j] ? displayText(raw) : raw);
    }
  }

  // The Period column's value of a row, once its text columns are set: TOTAL is the summary row.
  const periodText = textCols[periodCol === undefined ? -1 : textIdx.indexOf(periodCol)];
  const isTotal = (r: number) => {
    const p = periodText?.valueAt(r) ?? "";
    return p === "TOTAL" || (p.length === 5 && p.toUpperCase() === "TOTAL");
  };

  function addRow(row: RowInput, line: number) {
    if (row.length !== columns.length) {
      log.at(
        row.length < columns.length
          ? "Some rows have fewer cells than the header; the missing cells are read as empty"
          : "Some rows have more cells than the header; the extra cells are ignored",
        line,
      );
    }
    const r = rowCount++;
    const team = teamFor(row, line);
    store(row, r, line);
    if (isTotal(r)) team.totalRow = r;
    else (team.rows as number[]).push(r);
  }

  const arrayRow = new ArrayRow();
  return {
    add(cells, line) {
      arrayRow.cells = cells;
      addRow(arrayRow, line);
    },
    addRow,
    problemAt: log.at,
    finish() {
      if (rowCount === 0) log.note("The file has a header but no rows of data.");
      const picked = pickMetricColumns(columns);
      if (Object.keys(picked.metrics).length === 0 && Object.keys(picked.ratings).length === 0 && rowCount > 0) {
        log.note(
          "No column of a Fourfold or Harness export was recognised (such as LTTC_Mean_Days or DF_Deployment_Count), so there is nothing to chart.",
        );
      }
      const text: Record<string, TextColumn> = {};
      textIdx.forEach((ci, j) => (text[columns[ci]!.name] = textCols[j]!.done(rowCount)));
      const cells: CellStore = {
        numbers: numbers.done(rowCount * metricIdx.length),
        ratings: ratings.done(rowCount * ratingIdx.length),
        lines: lines.done(rowCount),
        text,
      };
      const startName = columns[at("Start_Date") ?? -1]?.name;
      const list = [...teams.values()];
      if (startName) for (const t of list) sortByStart(t.rows as number[], text[startName]!);
      return {
        columns,
        unknownColumns: columns.filter((c) => c.role === "unknown").map((c) => c.name),
        aggregation: picked.aggregation,
        metricColumns: picked.metrics,
        ratingColumns: picked.ratings,
        teams: list,
        cells,
        rowCount,
        problems: log.messages(),
      };
    },
  };
}

/** Rows in time order by Start_Date, when every row has one; otherwise file order is kept. */
function sortByStart(rows: number[], start: TextColumn) {
  const keys = rows.map((r) => textAt(start, r));
  if (keys.some((k) => k === null)) return;
  const order = rows.map((r, i) => [r, keys[i]!] as const).sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  order.forEach(([r], i) => (rows[i] = r));
}

/** The whole model from rows already parsed as records (papaparse with `header: true`). */
export function toExportModel(rows: readonly CsvRow[], header: readonly string[]): ParsedExport {
  if (header.length === 0 || (header.length === 1 && header[0]!.trim() === ""))
    return emptyExport(["The file is empty."]);
  const builder = createModelBuilder(header);
  rows.forEach((row, i) =>
    builder.add(
      header.map((h) => row[h] ?? ""),
      i + 2,
    ),
  );
  return builder.finish();
}

export function emptyExport(problems: string[]): ParsedExport {
  const cells: CellStore = {
    numbers: new Float64Array(0),
    ratings: new Uint32Array(0),
    lines: new Uint32Array(0),
    text: {},
  };
  return {
    columns: [],
    unknownColumns: [],
    aggregation: null,
    metricColumns: {},
    ratingColumns: {},
    teams: [],
    cells,
    rowCount: 0,
    problems,
  };
}

/**
 * Puts every team's row indices into one Uint32Array and makes each team's `rows` a view of it, so
 * that the model crosses to the page as one transferred buffer rather than a thousand arrays of
 * numbers to copy. Returns the buffer to transfer.
 */
export function packTeamRows(teams: readonly TeamExport[]): ArrayBuffer {
  const all = new Uint32Array(teams.reduce((n, t) => n + t.rows.length, 0));
  let at = 0;
  for (const t of teams) {
    all.set(t.rows, at);
    t.rows = all.subarray(at, at + t.rows.length);
    at += t.rows.length;
  }
  return all.buffer;
}

/** One team's rows as plain objects, for charts, scorecards and tables. */
export function teamRows(
  model: Pick<ParsedExport, "columns" | "cells">,
  team: Pick<TeamExport, "rows" | "totalRow">,
): TeamRows {
  const metrics = model.columns.filter((c) => c.role === "metric").map((c) => c.name);
  const ratings = model.columns.filter((c) => c.role === "rating").map((c) => c.name);
  const unknown = model.columns.filter((c) => c.role === "unknown").map((c) => c.name);
  const named = (h: string) => model.columns.find((c) => c.role === "hierarchy" && c.hierarchy === h)?.name;
  const [period, start, end] = [named("Period"), named("Start_Date"), named("End_Date")].map((n) =>
    n ? model.cells.text[n] : undefined,
  );
  const { numbers, ratings: codes, lines, text } = model.cells;
  const row = (r: number): PeriodRow => {
    const line = lines[r] ?? 0;
    const out: PeriodRow = {
      period: textAt(period, r) ?? `Line ${line}`,
      start: textAt(start, r),
      end: textAt(end, r),
      line,
      values: {},
      ratings: {},
      extra: {},
    };
    metrics.forEach((name, j) => {
      const v = numbers[r * metrics.length + j]!;
      out.values[name] = Number.isNaN(v) ? null : v;
    });
    ratings.forEach((name, j) => (out.ratings[name] = RATING_BY_CODE[codes[r * ratings.length + j]!] ?? null));
    unknown.forEach((name) => (out.extra[name] = textAt(text[name], r)));
    return out;
  };
  return { periods: Array.from(team.rows, row), total: team.totalRow === null ? null : row(team.totalRow) };
}
