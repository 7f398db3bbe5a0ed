import "server-only";
import type { NextRequest } from "next/server";
import { parseBodyText } from "@/lib/dora";
import { ApiError, errorResponse, invalid, readUtf8Body } from "@/lib/server";
import type { Engine } from "./engine";
import type { Scope } from "./ingest";
import { checkApiKey } from "./keys";

/** What a V2 handler gets: the engine and the org and project the request names, checked. */
export interface EngineContext<P> {
  engine: Engine;
  scope: Scope;
  params: P;
}

/** The legacy reports API names the project and, optionally, the org. */
export interface ProjectContext<P> {
  engine: Engine;
  projectIdentifier: string;
  orgIdentifier: string | null;
  params: P;
}

type Handler<C> = (req: NextRequest, ctx: C) => Promise<Response>;
type RouteContext<P> = { params: Promise<P> };

const IDENTIFIER = /^[A-Za-z0-9_.-]{1,128}$/;

function identifier(req: NextRequest, name: string, required: boolean): string | null {
  const value = req.nextUrl.searchParams.get(name);
  if (value === null || value === "") {
    if (required) throw invalid(`The query parameter ${name} is required.`, [{ field: name, message: "is required" }]);
    return null;
  }
  if (!IDENTIFIER.test(value))
    throw invalid(`The query parameter ${name} is invalid.`, [
      { field: name, message: "must be 1-128 letters, digits, '_', '-' or '.'" },
    ]);
  return value;
}

/**
 * The engine's HTTP face: every request needs `authorization: ApiKey <key>` (checked before
 * anything is read or touched) and the project (and usually org) identifiers; errors map to the
 * spec's JSON codes with no internals. The composition root passes in the process's engine.
 */
export function engineRoutes(getEngine: () => Promise<Engine>) {
  function wrap<P, C>(
    handler: Handler<C>,
    orgRequired: boolean,
    context: (engine: Engine, project: string, org: string | null, params: P) => C,
  ) {
    return async (req: NextRequest, ctx: RouteContext<P>): Promise<Response> => {
      try {
        const engine = await getEngine();
        if (!checkApiKey(req.headers.get("authorization"), engine.apiKeys)) {
          throw new ApiError(
            "UNAUTHENTICATED",
            "A valid API key is required: send the header `authorization: ApiKey <key>`.",
          );
        }
        const project = identifier(req, "projectIdentifier", true)!;
        const org = identifier(req, "orgIdentifier", orgRequired);
        return untransformed(await handler(req, context(engine, project, org, await ctx.params)));
      } catch (err) {
        return untransformed(errorResponse(err, { method: req.method, path: req.nextUrl.pathname }));
      }
    };
  }
  return {
    /** A V2 route: `orgIdentifier` and `projectIdentifier` are required and arrive as `scope`. */
    withApiKey<P = Record<string, never>>(handler: Handler<EngineContext<P>>) {
      return wrap<P, EngineContext<P>>(handler, true, (engine, project, org, params) => ({
        engine,
        scope: { org: org!, project },
        params,
      }));
    },
    /** The legacy reports route: the org is optional. */
    withProjectKey<P = Record<string, never>>(handler: Handler<ProjectContext<P>>) {
      return wrap<P, ProjectContext<P>>(handler, false, (engine, projectIdentifier, orgIdentifier, params) => ({
        engine,
        projectIdentifier,
        orgIdentifier,
        params,
      }));
    },
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

/** Reads a UTF-8 JSON body (comments and trailing commas allowed, spec §1) of at most `maxBytes`. */
export async function readBody(req: NextRequest, maxBytes: number): Promise<unknown> {
  const parsed = parseBodyText(await readUtf8Body(req, maxBytes));
  if (!parsed.ok) throw invalid(parsed.message, [{ field: "body", message: parsed.message }]);
  return parsed.value;
}
