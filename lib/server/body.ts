import "server-only";
import type { NextRequest } from "next/server";
import { ApiError, invalid } from "./errors";

/** A request body as text, read as a stream and refused (413) past `maxBytes`, declared or not. */
export async function readBodyText(req: NextRequest, maxBytes: number): Promise<string> {
  return Buffer.from(await readBodyBytes(req, maxBytes)).toString("utf8");
}

/**
 * A request body as text, refused (413) past `maxBytes` and (400) when it is not UTF-8: bytes that
 * are not UTF-8 would otherwise become U+FFFD, and an id would silently name another record.
 */
export async function readUtf8Body(req: NextRequest, maxBytes: number): Promise<string> {
  return decodeUtf8(await readBodyBytes(req, maxBytes));
}

/**
 * A request body as one byte array with an ArrayBuffer of its own (so it can be transferred to a
 * thread), read as a stream and refused (413) past `maxBytes`, declared or not.
 */
export async function readBodyBytes(req: NextRequest, maxBytes: number): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array(0);
  if (Number(req.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge(maxBytes);
  const bytes = await collect(req.body, maxBytes);
  if (bytes === null) throw tooLarge(maxBytes);
  return bytes;
}

/** A stream as UTF-8 text, or null (and the stream cancelled) once it passes `maxBytes`. */
export async function readStreamText(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<string | null> {
  const bytes = await collect(stream, maxBytes);
  return bytes === null ? null : Buffer.from(bytes).toString("utf8");
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/** UTF-8 bytes as text; 400 when they are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw invalid("The body is not valid UTF-8.", [{ field: "body", message: "is not valid UTF-8" }]);
  }
}

async function collect(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

const tooLarge = (maxBytes: number) => new ApiError("PAYLOAD_TOO_LARGE", `The body is larger than ${maxBytes} bytes.`);
