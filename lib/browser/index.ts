// The browser's data: the dashboard API's query options and fetchers, reading export CSVs (in a
// worker) into the model the charts, scorecards and tables read, and a view's state in the URL.
// No module here runs code at import (the parse worker starts only when asked for), and
// package.json's "sideEffects" lets the bundler leave out of a page what the page does not use.
export {
  csvDownloadPath,
  exportRequest,
  type EarlyAnswer,
  type EarlyExport,
  type ViewScope,
} from "./api/export-request";
export {
  createExport,
  ensureExportOptions,
  exportKeys,
  exportStatusOptions,
  parsedExportOptions,
  type ExportStatus,
  type ExportView,
} from "./api/exports";
export { ApiProblem, fetchJson, problemOf } from "./api/fetch-json";
export {
  coverageOptions,
  recordsKeys,
  recordsOptions,
  recordsPath,
  RECORDS_PAGE_SIZE,
  type Coverage,
  type FigureQuery,
  type RecordMetric,
  type RecordsPage,
} from "./api/records";
export { signOut } from "./api/sign-out";
export { niceAxis } from "./csv/axis";
export { parseCsvText } from "./csv/feed";
export { focusTeam } from "./csv/focus";
export { formatCount, formatDuration, formatPercent, formatRate } from "./csv/format";
export { teamRows, type ParsedExport, type PeriodRow, type TeamExport } from "./csv/model";
export { parseCsvInWorker, warmParseWorker, type ParseProgress } from "./csv/parse-client";
export {
  toTeamSeries,
  type CfrPoint,
  type DfPoint,
  type FdrtPoint,
  type LttcPoint,
  type MttrPoint,
  type ReworkPoint,
  type TeamSeries,
} from "./csv/series";
export {
  changeFrom,
  summarise,
  type Direction,
  type ExportSummary,
  type MetricSummary,
  type ReworkSummary,
} from "./csv/summary";
export { teamTable } from "./csv/table";
export { lastView, rememberView, rememberViewScript } from "./last-view";
export {
  readRecordsParams,
  RECORD_NOUNS,
  recordsPeriod,
  recordsSearch,
  RECORDS_METRICS,
  WHOLE_RANGE,
  type RecordsPeriod,
  type RecordsState,
} from "./records/params";
export { sourceUrl } from "./records/source-links";
export { COVERAGE_WARNING, coverageLines, type CoverageLine } from "./records/coverage";
export { figureSentence } from "./records/figure";
export { safeCallbackUrl } from "./safe-callback";
export {
  presetRange,
  previousRange,
  RANGE_LABELS,
  RANGE_PRESETS,
  readViewParams,
  todayUtc,
  viewSearch,
  type ViewParams,
} from "./view-params";
export {
  compareTeams,
  COMPARISON_METRICS,
  type Comparison,
  type ComparisonCell,
  type ComparisonMetric,
  type ComparisonRow,
} from "./csv/comparison";
export {
  bestFirst,
  depthChoices,
  foldable,
  nextSort,
  visibleRows,
  type DepthChoice,
  type DepthRange,
  type Sort,
  type SortDirection,
  type SortKey,
} from "./csv/comparison-table";
export { levelsByPeriod, type LevelMetric, type PeriodLevels } from "./csv/levels";
export {
  annotationKeys,
  annotationListOptions,
  createAnnotation,
  deleteAnnotation,
  updateAnnotation,
  type AnnotationInput,
  type AnnotationView,
} from "./api/annotations";
export {
  isOwnNote,
  noteOverlaps,
  numberNotes,
  placeNotes,
  type NumberedNote,
  type PeriodSpan,
  type PlacedMark,
} from "./annotation-marks";
