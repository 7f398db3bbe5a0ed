import "server-only";
import { once } from "node:events";
import { pipeline, Readable, Transform } from "node:stream";
import { createGunzip } from "node:zlib";
import { UpstreamNetworkError } from "./http/request";

// An export's file on its way to the browser: as SEI stored it, or as CSV (gunzipped when it is
// gzip, whatever SEI's headers say), with a cap on the CSV's size. Memory stays bounded by the
// streams' buffers; cancelling the result aborts the upstream read.

export type DownloadAs = "gzip" | "csv";
export type DownloadOutcome = "ok" | "too_large" | "bad_gzip" | "upstream_error" | "aborted";

export class CsvTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(
      `The CSV is larger than ${Math.round(maxBytes / (1024 * 1024))} MB once decompressed; download the gzip file instead.`,
    );
    this.name = "CsvTooLargeError";
  }
}

export interface PreparedDownload {
  body: ReadableStream<Uint8Array>;
  /** What SEI stored: a gzip file or a plain CSV. */
  stored: "gzip" | "csv";
}

const isGzip = (head: Buffer) => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

export async function prepareDownload(
  source: ReadableStream<Uint8Array>,
  as: DownloadAs,
  maxCsvBytes: number,
  onDone: (outcome: DownloadOutcome, bytes: number) => void = () => {},
): Promise<PreparedDownload> {
  const input = Readable.fromWeb(source as import("node:stream/web").ReadableStream<Uint8Array>);
  const stored = isGzip(await peek(input, 2)) ? "gzip" : "csv";
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      if (as === "csv" && bytes > maxCsvBytes) return cb(new CsvTooLargeError(maxCsvBytes));
      cb(null, chunk);
    },
  });
  const stages = stored === "gzip" && as === "csv" ? [input, createGunzip(), count] : [input, count];
  let reported = false;
  const report = (outcome: DownloadOutcome) => {
    if (!reported) onDone(outcome, bytes);
    reported = true;
  };
  const out = pipeline(stages as [Readable, ...Transform[]], (err) => {
    if (!err) return report("ok");
    if (err instanceof CsvTooLargeError) return report("too_large");
    if ((err as NodeJS.ErrnoException).code?.startsWith("Z_")) return report("bad_gzip");
    if ((err as NodeJS.ErrnoException).code === "ERR_STREAM_PREMATURE_CLOSE") return report("aborted");
    if (err instanceof UpstreamNetworkError && err.kind === "aborted") return report("aborted");
    report("upstream_error");
  }) as Transform;
  return { body: Readable.toWeb(out) as ReadableStream<Uint8Array>, stored };
}

/** The first `n` bytes (fewer at the end of the stream), left in the stream. */
async function peek(stream: Readable, n: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  while (size < n && !stream.readableEnded) {
    const chunk = stream.read() as Buffer | null;
    if (chunk) {
      parts.push(chunk);
      size += chunk.length;
      continue;
    }
    const ac = new AbortController();
    await Promise.race([
      once(stream, "readable", { signal: ac.signal }),
      once(stream, "end", { signal: ac.signal }),
    ]).finally(() => ac.abort());
  }
  const head = Buffer.concat(parts);
  if (head.length > 0) stream.unshift(head);
  return head.subarray(0, n);
}
