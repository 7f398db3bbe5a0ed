import "server-only";
import { readBodyText, ApiError, log, WindowLimiter } from "@/lib/server";
import { isPostgres, pruneShared, takeShared, type Store } from "@/lib/store";
import type { NextRequest } from "next/server";

// Checks for state-changing routes: same-origin only, JSON only, and a per-user limit on creates.

/**
 * Browsers send `Sec-Fetch-Site` and `Origin` on every POST; a request must carry at least one, and
 * each one it carries must say same-origin. `allowedOrigin` is NEXTAUTH_URL's origin when set
 * (behind a reverse proxy the request's own URL may name an internal host), else the request's.
 */
export function assertSameOrigin(req: NextRequest, allowedOrigin: string | null): void {
  const site = req.headers.get("sec-fetch-site");
  const origin = req.headers.get("origin");
  const expected = allowedOrigin ?? req.nextUrl.origin;
  const crossSite = (site !== null && site !== "same-origin") || (origin !== null && origin !== expected);
  if (crossSite || (site === null && origin === null)) {
    throw new ApiError(
      "PERMISSION_DENIED",
      "Cross-site requests are refused: this API only answers the dashboard itself.",
    );
  }
}

export function assertJson(req: NextRequest): void {
  const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON with content-type: application/json.");
  }
}

/** Creates per user: 20 a minute is far above what the pages do, and slows a script running amok. */
export const CREATE_LIMIT = { limit: 20, windowMs: 60_000 };
let createLimit = { ...CREATE_LIMIT };
let createLimiter = new WindowLimiter(CREATE_LIMIT.limit, CREATE_LIMIT.windowMs);
/** Counts of earlier limiters, kept in a shared store, are left behind by a reset. */
let generation = 0;
const SHARED_PREFIX = "create:";

/** For tests: a fresh limiter, optionally with another limit. */
export function resetCreateLimiter(limit = CREATE_LIMIT.limit, windowMs = CREATE_LIMIT.windowMs): void {
  createLimit = { limit, windowMs };
  createLimiter = new WindowLimiter(limit, windowMs);
  generation++;
}

/**
 * The per-user limit on creates. On SQLite one server process serves every request and counts in
 * its memory; on PostgreSQL each instance sees only its share, so the count is kept in the store.
 */
export async function assertCreateAllowed(db: Store, userId: number, now = Date.now()): Promise<void> {
  const { limit, windowMs } = createLimit;
  const { allowed, retryAfterMs } = isPostgres(db)
    ? await takeShared(db, `${SHARED_PREFIX}${generation}:${userId}`, limit, windowMs, now)
    : createLimiter.check(String(userId));
  if (isPostgres(db) && Math.random() < 0.01) await pruneShared(db, SHARED_PREFIX, windowMs, now);
  if (allowed) return;
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  throw new ApiError("RATE_LIMITED", `Too many exports created; try again in ${seconds} s.`, undefined, {
    "Retry-After": String(seconds),
  });
}

const MAX_BODY_BYTES = 64 * 1024;

function logRefusal(req: NextRequest, user: { email: string }, err: unknown): void {
  log.warn("proxy.denied", {
    user: user.email,
    reason: err instanceof ApiError ? err.code : "error",
    path: req.nextUrl.pathname,
  });
}

/** The guard of a state-changing route without a body (a DELETE): same origin only, refusals logged. */
export function assertMutationOrigin(req: NextRequest, user: { email: string }, allowedOrigin: string | null): void {
  try {
    assertSameOrigin(req, allowedOrigin);
  } catch (err) {
    logRefusal(req, user, err);
    throw err;
  }
}

/**
 * The guards of a state-changing route, then its JSON body: same origin, `content-type:
 * application/json`, at most 64 KiB, strict JSON. Refusals are logged with the user.
 */
export async function readMutationBody(
  req: NextRequest,
  user: { email: string },
  allowedOrigin: string | null,
): Promise<unknown> {
  try {
    assertSameOrigin(req, allowedOrigin);
    assertJson(req);
  } catch (err) {
    logRefusal(req, user, err);
    throw err;
  }
  const text = await readBodyText(req, MAX_BODY_BYTES);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError("INVALID_ARGUMENT", "The body is not valid JSON.", [
      { field: "body", message: "is not valid JSON" },
    ]);
  }
}
