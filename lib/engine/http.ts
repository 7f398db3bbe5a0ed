import "server-only";
import type { NextRequest } from "next/server";
import { parseBodyText } from "@/lib/dora/jsonc";
import { ScopeNotFoundError } from "@/lib/dora/hierarchy";
import { ApiError, errorResponse, invalid } from "@/lib/server/errors";
import { getRuntime } from "@/lib/server/runtime";
import { readUtf8Body } from "@/lib/server/body";
import type { Engine } from "./engine";
import { TeamInUseError } from "./ingest";
import { checkApiKey } from "./keys";

export interface EngineContext<P> {
  engine: Engine;
  projectIdentifier: string;
  /** Null only where the route allows it (the legacy reports API). */
  orgIdentifier: string | null;
  params: P;
}

type Handler<P> = (req: NextRequest, ctx: EngineContext<P>) => Promise<Response>;
type RouteContext<P> = { params: Promise<P> };

const IDENTIFIER = /^[A-Za-z0-9_.-]{1,128}$/;

function identifier(req: NextRequest, name: string, required: boolean): string | null {
  const value = req.nextUrl.searchParams.get(name);
  if (value === null || value === "") {
    if (required) throw invalid(`The query parameter ${name} is required.`, [{ field: name, message: "is required" }]);
    return null;
  }
  if (!IDENTIFIER.test(value)) throw invalid(`The query parameter ${name} is invalid.`, [{ field: name, message: "must be 1-128 letters, digits, '_', '-' or '.'" }]);
  return value;
}

/**
 * The engine's HTTP face: every request needs `authorization: ApiKey <key>` (checked before
 * anything is read or touched) and the project (and usually org) identifiers; errors map to the
 * spec's JSON codes with no internals.
 */
export function withApiKey<P = Record<string, never>>(handler: Handler<P>, opts: { orgRequired: boolean } = { orgRequired: true }) {
  return async (req: NextRequest, ctx: RouteContext<P>): Promise<Response> => {
    try {
      const { engine } = await getRuntime();
      if (!checkApiKey(req.headers.get("authorization"), engine.apiKeys)) {
        throw new ApiError("UNAUTHENTICATED", "A valid API key is required: send the header `authorization: ApiKey <key>`.");
      }
      const projectIdentifier = identifier(req, "projectIdentifier", true)!;
      const orgIdentifier = identifier(req, "orgIdentifier", opts.orgRequired);
      return untransformed(await handler(req, { engine, projectIdentifier, orgIdentifier, params: await ctx.params }));
    } catch (err) {
      return untransformed(errorResponse(mapEngineError(err), { method: req.method, path: req.nextUrl.pathname }));
    }
  };
}

/**
 * JSON answers are marked `no-transform`, which keeps Next.js from gzipping them: for an answer of a
 * few hundred bytes that cost the request thread about a millisecond and a zlib stream (some 256 KB
 * of native memory) each. Files (downloads, reports) are still compressed for clients that ask.
 */
function untransformed(res: Response): Response {
  if (!res.headers.get("content-type")?.startsWith("application/json")) return res;
  const cacheControl = res.headers.get("cache-control");
  res.headers.set("Cache-Control", cacheControl ? `${cacheControl}, no-transform` : "no-store, no-transform");
  return res;
}

function mapEngineError(err: unknown): unknown {
  if (err instanceof ScopeNotFoundError) return new ApiError("NOT_FOUND", err.message);
  if (err instanceof TeamInUseError) return new ApiError("CONFLICT", err.message);
  return err;
}

/** Reads a UTF-8 JSON body (comments and trailing commas allowed, spec §1) of at most `maxBytes`. */
export async function readBody(req: NextRequest, maxBytes: number): Promise<unknown> {
  const parsed = parseBodyText(await readUtf8Body(req, maxBytes));
  if (!parsed.ok) throw invalid(parsed.message, [{ field: "body", message: parsed.message }]);
  return parsed.value;
}
