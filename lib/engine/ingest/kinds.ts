// The record kinds of the ingestion API (spec §3), named as in its URL, and their tables.

export const INGEST_KINDS = ["teams", "work-items", "pull-requests", "builds", "deployments", "incidents"] as const;
export type IngestKind = (typeof INGEST_KINDS)[number];

export const isIngestKind = (value: string): value is IngestKind => (INGEST_KINDS as readonly string[]).includes(value);

export const KIND_TABLE = {
  teams: "teams",
  "work-items": "work_items",
  "pull-requests": "pull_requests",
  builds: "builds",
  deployments: "deployments",
  incidents: "incidents",
} as const satisfies Record<IngestKind, string>;

export type RecordTable = (typeof KIND_TABLE)[IngestKind];

/** Kinds whose records name a team with `teamId`. */
export const TEAM_OWNED_TABLES = ["work_items", "pull_requests", "deployments", "incidents"] as const;

export const MAX_ITEMS = 5000;
