// The page's side of the parse worker.
import type { ParsedExport } from "./model";
import type { ParseRequest, WorkerMessage } from "./protocol";

export interface ParseProgress {
  /** 0 to 1, by the share of the file read. */
  fraction: number;
  rows: number;
}

export const PARSE_MEASURE = "fourfold:csv-parse";

// A worker takes a few hundred milliseconds to load its script: a view starts one ahead of need.
let spare: Worker | null = null;
const newWorker = () => new Worker(new URL("./parse.worker.ts", import.meta.url), { type: "module" });

/** Starts a parse worker ahead of need, so the next parse does not wait for one to load. */
export function warmParseWorker(): void {
  if (spare !== null || typeof Worker === "undefined") return;
  const worker = newWorker();
  // One that failed to load is not handed out (its error would have fired before anyone listened).
  worker.addEventListener("error", () => {
    if (spare === worker) spare = null;
  });
  spare = worker;
}

/**
 * Parses a CSV export (text, or a File/Blob, plain or gzip) in a Web Worker. Resolves with the
 * model, whose `problems` explain anything unreadable; rejects only when the worker itself fails
 * or `signal` aborts.
 */
export function parseCsvInWorker(
  input: File | Blob | string,
  onProgress?: (p: ParseProgress) => void,
  signal?: AbortSignal,
): Promise<ParsedExport> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const worker = spare ?? newWorker();
    spare = null;
    const stop = (fn: () => void) => {
      worker.terminate();
      signal?.removeEventListener("abort", onAbort);
      fn();
    };
    const onAbort = () => stop(() => reject(new DOMException("Parsing was cancelled.", "AbortError")));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort);
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const msg = event.data;
      if (msg.type === "progress") onProgress?.({ fraction: msg.fraction, rows: msg.rows });
      else if (msg.type === "done") {
        // Read by the UI benchmark: the time from the call to the model on the page.
        performance.measure(PARSE_MEASURE, { start: started, end: performance.now() });
        stop(() => resolve(msg.model));
      } else stop(() => reject(new Error(`The file could not be read: ${msg.message}`)));
    };
    worker.onerror = (event) =>
      stop(() => reject(new Error(`The CSV reader stopped: ${event.message || "unknown error"}`)));
    const request: ParseRequest = { input };
    worker.postMessage(request);
  });
}
