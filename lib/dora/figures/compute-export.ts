// The V2 export's rows (spec §4, §6): one row per team per period, then the summary row.
import { getBenchmarkSet } from "../benchmarks";
import { columnsFor, HIERARCHY_COLUMNS } from "../columns";
import { buildHierarchy, resolveScope, type ScopedTeam } from "../hierarchy";
import { periodLengthDays, periodsFor, wholeRange, type Period } from "../periods";
import type { ExportParams, Team } from "../types";
import { recordSetsOf, type RecordSets } from "./records";
import { neededGroups, neededKinds, populationsFromRecords, tablesFor } from "./tables";
import type { CellValue, Dataset, ExportResult, ExportRow } from "./types";
import { rowValues, type CellContext, type Tables } from "./values";

/** The CSV columns of an export, hierarchy first, after `params.metrics` filtering (case-insensitive). */
export function exportColumns(params: Pick<ExportParams, "metricGroups" | "aggregation" | "metrics">): string[] {
  const metricCols = columnsFor(params.metricGroups, params.aggregation);
  const keep = params.metrics ? new Set(params.metrics.map((m) => m.toLowerCase())) : null;
  return [...HIERARCHY_COLUMNS, ...(keep ? metricCols.filter((c) => keep.has(c.toLowerCase())) : metricCols)];
}

/** Throws ScopeNotFoundError for an unknown team or org tree, RangeError for a bad range, zone or benchmark. */
export function computeExport(ds: Dataset, params: ExportParams): ExportResult {
  return computeExportFromRecords(ds.teams, recordSetsOf(ds, neededKinds(neededGroups(params.metricGroups))), params);
}

/** The kinds of records an export needs from computeExportFromRecords. */
export function recordsNeeded(params: Pick<ExportParams, "metricGroups">) {
  return neededKinds(neededGroups(params.metricGroups));
}

/**
 * As computeExport, from the records (figures/records.ts) of the kinds recordsNeeded names, for every
 * team of the scope: they can be computed once per data version and kept.
 */
export function computeExportFromRecords(
  allTeams: readonly Team[],
  records: RecordSets,
  params: ExportParams,
): ExportResult {
  const benchmark = getBenchmarkSet(params.benchmark);
  if (!benchmark) throw new RangeError(`unknown benchmark set: ${params.benchmark}`);
  const teams = resolveScope(buildHierarchy(allTeams), params.scope);
  const periods = periodsFor(params.dateRange, params.granularity, params.timezone);
  const columns = exportColumns(params);
  const metricCols = columns.slice(HIERARCHY_COLUMNS.length);
  const ctx: CellContext = { groups: new Set(params.metricGroups), agg: params.aggregation, benchmark };

  const total = wholeRange(params.dateRange, params.timezone);
  const pops = populationsFromRecords(records, teams, neededGroups(params.metricGroups), total);
  const tables = tablesFor(pops, periods);

  // A row's figures are kept as rowValues gives them when they are exactly the columns (every row
  // has the same keys), else the columns are picked: a copy of every row's figures doubled the
  // garbage an export of every group made, its figure objects being hash tables past 20 keys.
  let pick: readonly string[] | null | undefined;
  const valuesOf = (all: Record<string, CellValue>): Record<string, CellValue> => {
    pick ??= Object.keys(all).length === metricCols.length ? null : metricCols;
    if (pick === null) return all;
    const values: Record<string, CellValue> = {};
    for (const col of pick) values[col] = all[col] ?? null;
    return values;
  };
  const rows: ExportRow[] = [];
  teams.forEach((scoped, t) => {
    periods.forEach((period, p) => rows.push(makeRow(scoped, t, period, p, tables, ctx, valuesOf)));
    // The summary reads every period's slice: the periods tile the range exactly.
    if (ctx.groups.has("summary")) rows.push(makeRow(scoped, t, total, -1, tables, ctx, valuesOf));
  });
  return { columns, rows };
}

function makeRow(
  scoped: ScopedTeam,
  t: number,
  period: Period,
  p: number,
  tables: Tables,
  ctx: CellContext,
  valuesOf: (all: Record<string, CellValue>) => Record<string, CellValue>,
): ExportRow {
  const values = valuesOf(rowValues(tables, ctx, { team: t, end: scoped.end, period: p }, periodLengthDays(period)));
  const team = scoped.node.team;
  return {
    teamId: team.id,
    teamRefId: team.refId,
    teamName: team.name,
    parentTeamId: team.parentId,
    hierarchy: scoped.node.path,
    orgTree: team.orgTree,
    period: period.label,
    startDate: period.startDate,
    endDate: period.endDate,
    values,
  };
}
