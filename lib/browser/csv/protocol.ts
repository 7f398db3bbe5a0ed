// Messages between the page and the parse worker.
import type { ParsedExport, TeamExport } from "./model";

export interface ParseRequest {
  input: Blob | string;
}

export type WorkerMessage =
  | { type: "progress"; fraction: number; rows: number }
  /** Teams arrive in batches so that no single message takes long to receive on the page. */
  | { type: "teams"; teams: TeamExport[] }
  | { type: "done"; model: ParsedExport }
  | { type: "failed"; message: string };

/** Period rows per "teams" message. */
export const ROWS_PER_BATCH = 4_000;
