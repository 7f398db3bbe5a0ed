import "server-only";
import crypto from "node:crypto";
import { invalid } from "@/lib/server";

// The records' cursor (spec §9): opaque to clients, it is the position of the last item given,
// its anchor instant and its id, with a fingerprint of the query it belongs to, as base64url JSON.
// Pages are read from that position on (keyset pagination), so a page is one index seek however
// deep it is, and records added meanwhile never shift the items of later pages.

const VERSION = 1;

export interface Position {
  anchor: number;
  id: string;
}

/** What a cursor belongs to: the query less its limit and cursor. */
export function fingerprint(parts: readonly string[]): string {
  return crypto.createHash("sha256").update(parts.join("\u0000")).digest("base64url").slice(0, 12);
}

export function encodeCursor(query: string, at: Position): string {
  return Buffer.from(JSON.stringify([VERSION, query, at.anchor, at.id]), "utf8").toString("base64url");
}

const badCursor = (message: string) =>
  invalid("The query parameter cursor is invalid.", [{ field: "cursor", message }]);

/** The position a cursor holds; 400 naming `cursor` when it is not one this query's pages gave. */
export function decodeCursor(cursor: string, query: string): Position {
  let value: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,2048}$/.test(cursor)) throw new Error("not base64url");
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor("is not a cursor of this endpoint: pass nextCursor from the previous page as it is");
  }
  if (
    !Array.isArray(value) ||
    value.length !== 4 ||
    value[0] !== VERSION ||
    typeof value[1] !== "string" ||
    !Number.isSafeInteger(value[2]) ||
    typeof value[3] !== "string"
  ) {
    throw badCursor("is not a cursor of this endpoint: pass nextCursor from the previous page as it is");
  }
  if (value[1] !== query)
    throw badCursor("belongs to another query: keep teamId, metric, start, end and timezone as on the first page");
  return { anchor: value[2] as number, id: value[3] as string };
}
