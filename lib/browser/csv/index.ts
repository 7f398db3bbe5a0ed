// Reading Fourfold and Harness SEI export CSVs in the browser: the worker client, the model, and
// what the charts, scorecards and tables read from it.
export { parseCsvInWorker, PARSE_MEASURE, warmParseWorker, type ParseProgress } from "./parse-client";
export { toExportModel, createModelBuilder, teamRows, emptyExport } from "./model";
export type { ParsedExport, TeamExport, TeamRows, PeriodRow, CsvRow, CellStore } from "./model";
export type { ColumnInfo, MetricKey, RatingKey } from "./columns";
export { toTeamSeries, type TeamSeries, type LttcPoint, type DfPoint, type CfrPoint, type MttrPoint } from "./series";
export { summarise, changeFrom, type ExportSummary, type MetricSummary } from "./summary";
export { teamTable, type TextTable } from "./table";
export { formatDuration, formatPercent, formatRate, formatCount, formatCell, NO_DATA } from "./format";
