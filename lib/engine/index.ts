// The embedded engine: ingestion, the dataset, export jobs (run in a worker thread), the legacy
// reports, the records behind the figures and their coverage, and the HTTP wrapper of its
// SEI-compatible API. Server only.
export { dataCoverage, listRecords, readCoverage, readRecords } from "./behind";
export { listTeams, orgTreeNames } from "./dataset";
export type { Engine } from "./engine";
export { createExport, exportStatus, openExportDownload } from "./exports";
export { engineRoutes, readBody } from "./http";
export { deleteRecord, ingest, isIngestKind, type IngestPayload, type Scope } from "./ingest";
export { startJobRunner } from "./jobs/runner";
export { newApiKey } from "./keys";
export { ingestRequest, writerOf } from "./writer";
export { legacyReport } from "./reports";
