// The engine's ingestion service (spec §2, §3).
export { INGEST_KINDS, isIngestKind, MAX_ITEMS, type IngestKind } from "./kinds";
export type { IngestIssue } from "./parse";
export type { Scope } from "./rows";
export type { IngestPayload } from "./schemas";
export { deleteRecord, ingest, TeamInUseError, type IngestResult } from "./service";
