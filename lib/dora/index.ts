// The pure DORA domain: periods, aggregation, benchmarks and ratings, the team tree, linking,
// figures, CSV, the legacy report and the request schemas. Imports nothing of the server.
export {
  BENCHMARK_NAMES,
  BENCHMARK_SETS,
  DEFAULT_BENCHMARK,
  defaultBenchmarkSet,
  getBenchmarkSet,
  type BenchmarkSet,
  type RatedMetric,
} from "./benchmarks";
export { AGG_LABEL, columnKind, HIERARCHY_COLUMNS, STAGES, type ColumnKind } from "./columns";
export { exportCsvChunks } from "./csv";
export { newPopulation, type Population } from "./figures/buckets";
export { computeExportFromRecords, recordsNeeded } from "./figures/compute-export";
export { setStages, stagesOf, type PrInstants, type StageDays } from "./figures/populations";
export {
  RECORD_KINDS,
  recordSetsOf,
  splitByTeam,
  type RecordKind,
  type RecordSets,
  type TeamRecords,
} from "./figures/records";
export type { Dataset } from "./figures/types";
export { DomainError, ScopeNotFoundError, type DomainErrorKind } from "./errors";
export {
  isProduction,
  linkIncidentDeployments,
  linksPullRequest,
  INCIDENT_WINDOW_MS,
  type LinkablePullRequest,
} from "./linking";
export { deploymentFailures, linkRecoveries } from "./recoveries";
export { buildHierarchy, resolveRefId, resolveScope } from "./hierarchy";
export { parseBodyText, parseJsonc } from "./jsonc";
export { computeLegacyReport, legacyReportCsv } from "./legacy-report";
export { exportParamsKey } from "./params-key";
export { periodsFor, wholeRange } from "./periods";
export { overallRating, rate, ratingBands, type RatingBand } from "./ratings";
export { parseExportRequest, type ExportRequestInput } from "./schemas/export-request";
export {
  CREATED_MESSAGE,
  downloadPath,
  exportStatusResponseSchema,
  REUSED_MESSAGE,
  type ExportCreateResponse,
  type ExportStatus,
  type ExportStatusResponse,
} from "./schemas/export-response";
export {
  CALCULATION_TYPES,
  LEGACY_GRANULARITIES,
  LEGACY_METRICS,
  parseLegacyReportRequest,
  type LegacyMetric,
  type LegacyReportRequest,
} from "./schemas/legacy-report";
export {
  AGGREGATIONS,
  GRANULARITIES,
  type Aggregation,
  type Build,
  type Deployment,
  type ExportParams,
  type Granularity,
  type Incident,
  type IsoDate,
  type PullRequest,
  type Rating,
  type Status,
  type Team,
  type WorkItem,
} from "./types";
export { DAY_MS, dayToIsoDate, epochDay } from "./zone";
export { isWellFormed, NOT_WELL_FORMED } from "./schemas/common";
export {
  DEFAULT_RECORDS_LIMIT,
  MAX_RECORDS_LIMIT,
  parseCoverageQuery,
  parseRecordsQuery,
  RECORD_METRICS,
  type CoverageQuery,
  type RecordMetric,
  type RecordsQuery,
} from "./schemas/behind-figures";
