import "server-only";
import type { NextRequest } from "next/server";
import { ApiError } from "./errors";

/** A request body as text, read as a stream and refused (413) past `maxBytes`, declared or not. */
export async function readBodyText(req: NextRequest, maxBytes: number): Promise<string> {
  if (!req.body) return "";
  if (Number(req.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge(maxBytes);
  const text = await readStreamText(req.body, maxBytes);
  if (text === null) throw tooLarge(maxBytes);
  return text;
}

/** A stream as UTF-8 text, or null (and the stream cancelled) once it passes `maxBytes`. */
export async function readStreamText(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<string | null> {
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
  return Buffer.concat(chunks).toString("utf8");
}

const tooLarge = (maxBytes: number) => new ApiError("PAYLOAD_TOO_LARGE", `The body is larger than ${maxBytes} bytes.`);
