// The parse worker: reads a CSV (plain or gzip) with papaparse in chunks, builds the model, and
// posts progress and the result. Runs off the main thread so that a big export never freezes the page.
import Papa from "papaparse";
import { createModelBuilder, emptyExport, type ModelBuilder, type ParsedExport } from "./model";
import { parseErrorKind, parseErrorLine } from "./problems";
import { ROWS_PER_BATCH, type ParseRequest, type WorkerMessage } from "./protocol";
import { sniff } from "./sniff";

const CHUNK_BYTES = 512 * 1024;
const post = (message: WorkerMessage) => (self as unknown as { postMessage(m: WorkerMessage): void }).postMessage(message);

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

function parse(input: Blob | string): Promise<ParsedExport> {
  const total = typeof input === "string" ? input.length : input.size;
  let builder: ModelBuilder | null = null;
  let rows = 0;
  return new Promise((resolve, reject) => {
    // Blob is read like a File (papaparse slices it with FileReader); the types only name File.
    Papa.parse<Record<string, string | undefined>>(input as File | string, {
      header: true,
      skipEmptyLines: true,
      chunkSize: CHUNK_BYTES,
      transformHeader: (h) => h.replace(/^\uFEFF/, "").trim(),
      chunk(results) {
        const firstChunk = builder === null;
        builder ??= createModelBuilder(results.meta.fields ?? []);
        for (const e of results.errors) {
          if (e.code === "UndetectableDelimiter") continue;
          builder.problemAt(parseErrorKind(e.code, e.type), parseErrorLine(e, rows, firstChunk));
        }
        for (const row of results.data) builder.add(row, 2 + rows++);
        post({ type: "progress", fraction: Math.min(0.99, results.meta.cursor / total), rows });
      },
      complete() {
        resolve(builder ? builder.finish() : emptyExport(["The file is empty."]));
      },
      error(err: Error) {
        reject(err);
      },
    });
  });
}

function send(model: ParsedExport) {
  let batch: ParsedExport["teams"] = [];
  let size = 0;
  for (const team of model.teams) {
    batch.push(team);
    size += team.periods.length + 1;
    if (size >= ROWS_PER_BATCH) {
      post({ type: "teams", teams: batch });
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) post({ type: "teams", teams: batch });
  post({ type: "done", model: { ...model, teams: [] } });
}
