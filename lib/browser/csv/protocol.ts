// Messages between the page and the parse worker.
import type { ParsedExport } from "./model";

export interface ParseRequest {
  input: Blob | string;
}

export type WorkerMessage =
  | { type: "progress"; fraction: number; rows: number }
  /** The model's cells and the teams' row indices are typed arrays, transferred rather than copied. */
  | { type: "done"; model: ParsedExport }
  | { type: "failed"; message: string };
