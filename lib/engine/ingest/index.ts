// The engine's ingestion service (spec §2, §3).
export { INGEST_KINDS, isIngestKind, MAX_ITEMS, type IngestKind } from "./kinds";
export { parseBody, type IngestIssue, type Parsed } from "./parse";
export type { Scope } from "./rows";
export type { IngestPayload } from "./schemas";
export { prepareBatch, type Prepared } from "./prepare";
export { deleteRecord, ingest, ingestBatches, TeamInUseError, type IngestResult, type ScopedBatch } from "./service";
