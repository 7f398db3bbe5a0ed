// The parse worker: reads a CSV (plain or gzip), builds the model (feed.ts), and posts progress
// and the result. Runs off the main thread so that a big export never freezes the page.
import { parseCsv } from "./feed";
import { emptyExport, packTeamRows, type ParsedExport } from "./model";
import type { ParseRequest, WorkerMessage } from "./protocol";
import { sniff } from "./sniff";

const post = (message: WorkerMessage, transfer: Transferable[] = []) =>
  (self as unknown as { postMessage(m: WorkerMessage, t: Transferable[]): void }).postMessage(message, transfer);

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  prepare(event.data.input)
    .then((input) => (typeof input === "string" || input instanceof Blob ? parse(input) : input))
    .then(send)
    .catch((err: unknown) => post({ type: "failed", message: err instanceof Error ? err.message : String(err) }));
};

/** The text to parse, or a finished model when the file cannot be CSV. */
async function prepare(input: Blob | string): Promise<Blob | string | ParsedExport> {
  if (typeof input === "string") return input.trim() === "" ? emptyExport(["The file is empty."]) : input;
  if (input.size === 0) return emptyExport(["The file is empty."]);
  const kind = sniff(new Uint8Array(await input.slice(0, 1024).arrayBuffer()));
  if (kind === "text") return input;
  if (kind !== "gzip") return emptyExport([kind.problem]);
  try {
    const plain = await new Response(input.stream().pipeThrough(new DecompressionStream("gzip"))).blob();
    return plain.size === 0 ? emptyExport(["The file is empty."]) : plain;
  } catch {
    return emptyExport(["The file looks gzip-compressed but could not be decompressed; it may be truncated."]);
  }
}

// The text is read at once (the browser decodes it natively), then read by the fast reader or by
// papaparse in chunks (parseCsv), with progress on the way.
async function parse(input: Blob | string): Promise<ParsedExport> {
  const text = typeof input === "string" ? input : await input.text();
  return parseCsv(text, (fraction, rows) => post({ type: "progress", fraction, rows }));
}

function send(model: ParsedExport) {
  const { numbers, ratings, lines, text } = model.cells;
  const buffers = [
    numbers.buffer,
    ratings.buffer,
    lines.buffer,
    ...Object.values(text).map((t) => t.codes.buffer),
    packTeamRows(model.teams),
  ];
  post({ type: "done", model }, buffers as ArrayBuffer[]);
}
