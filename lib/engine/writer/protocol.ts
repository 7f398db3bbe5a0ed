// The messages between the request thread and the store writer (writer-entry.ts): every write of
// the engine's API, so that the request thread never parses a batch or waits for the store's lock.
import type { ExportParams } from "@/lib/dora";
import type { IngestIssue, IngestKind, Prepared, Scope } from "../ingest";
import type { JobRow } from "../jobs/repo";

export type WriterOp =
  /**
   * A batch as the bytes of its body: decoding, parsing and validating it is the writer's work too
   * (`read`, when its reader thread did that part already).
   */
  | { op: "ingest"; scope: Scope; kind: IngestKind; body: Uint8Array; read?: ReadBatch }
  | { op: "delete"; scope: Scope; kind: IngestKind; id: string }
  | { op: "createJob"; scope: Scope; params: ExportParams; paramsKey: string }
  /** Derives the project's deployment facts (facts.ts) unless they are current. */
  | { op: "refreshFacts"; scope: Scope };

/**
 * A batch's body decoded, parsed, its items' shapes checked and its rows encoded (Prepared): the
 * part of ingestion that needs no store, so the writer's reader thread does it while the writer
 * writes the batch before. Relations to the stored teams are checked when the batch is written.
 */
export type ReadBatch = { ok: true; prepared: Prepared } | { ok: false; outcome: OpOutcome };

export interface Ingested {
  received: number;
  created: number;
  updated: number;
}

export interface OpValue {
  ingest: Ingested;
  delete: boolean;
  createJob: { job: JobRow; reused: boolean };
  /** The data version the facts are of. */
  refreshFacts: number;
}

/** A refusal the API answers as it is (400, 409), or a failure it answers 500 and logs. */
export type OpError =
  | { kind: "invalid"; message: string; details: IngestIssue[] }
  | { kind: "team_in_use"; teamId: string; usedBy: string[] }
  | { kind: "internal"; name: string; message: string };

export type OpOutcome<T = unknown> = { ok: true; value: T } | { ok: false; error: OpError };

export interface Request {
  id: number;
  op: WriterOp;
}

export interface Reply {
  id: number;
  outcome: OpOutcome;
  /**
   * How long the operation took in the writer, waiting for the store's lock included; for batches
   * written together, their share of the time they took.
   */
  ms: number;
}

/**
 * The most batches the writer writes in one transaction (writer-entry.ts writeGroup): those read
 * and waiting when the one before is written. Their commit writes the pages they share once.
 */
export const MAX_GROUP = 4;

/** Quiet this long after a change, the writer derives the changed projects' deployment facts. */
export const FACTS_AFTER_IDLE_MS = 2_000;
/** At most once a minute per project, so a trickle of small writes does not keep the writer deriving. */
export const FACTS_MIN_INTERVAL_MS = 60_000;
/**
 * The writer's vacuum on PostgreSQL waits while exports run or are due, and until none has
 * finished for EXPORTS_QUIET_MS, looking again every UPKEEP_RECHECK_MS; at most
 * UPKEEP_MAX_WAIT_MS, so a steady stream of exports does not put it off for good.
 */
export const EXPORTS_QUIET_MS = 2_000;
export const UPKEEP_RECHECK_MS = 1_000;
export const UPKEEP_MAX_WAIT_MS = 30_000;

/**
 * SQLite: while the writes go on, the writer's checkpointer thread copies the WAL into the database
 * file at most this often (checkpointer.ts), and once more this long after the last write.
 */
export const CHECKPOINT_EVERY_MS = 500;
/**
 * SQLite: the WAL size (pages, 100 MB) past which the writer checkpoints on its own: what its
 * checkpointer has not copied yet (little), after which the WAL starts over from its beginning;
 * all of it should the checkpointer be gone.
 */
export const WRITER_CHECKPOINT_PAGES = 25_000;
