// What the server and the browser agree on: the dashboard API's wire types and the public part of
// the configuration. Types and schemas only; no code of the server.
export type { Features, PublicConfig } from "./public-config";
export type { ExportStatusView, ExportView, RegisteredScope } from "./views";
export {
  cfrRecordSchema,
  coverageSchema,
  dfRecordSchema,
  fdrtRecordSchema,
  LTTC_STAGES,
  lttcRecordSchema,
  mttrRecordSchema,
  RECORD_METRICS,
  recordSchemas,
  recordsPageSchema,
  reworkRecordSchema,
  type CfrRecord,
  type Coverage,
  type CoverageQuery,
  type DfRecord,
  type FdrtRecord,
  type LttcRecord,
  type MttrRecord,
  type RecordItem,
  type RecordMetric,
  type RecordsPage,
  type RecordsQuery,
  type ReworkRecord,
} from "./behind-figures";
export { ANNOTATION_LIMITS, type AnnotationList, type AnnotationView } from "./annotations";
