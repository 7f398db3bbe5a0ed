import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import type { NextRequest } from "next/server";
import { liveSession, findUserById, type User } from "@/lib/auth";
import { ApiError, errorResponse } from "@/lib/server";
import { getRuntime, type Runtime } from "./runtime";

export interface SessionContext<P> {
  user: User;
  /** The id of the session this request came with (to end it, or every session of the user). */
  sessionId: string;
  runtime: Runtime;
  params: P;
}

type Handler<P> = (req: NextRequest, ctx: SessionContext<P>) => Promise<Response>;
type RouteContext<P> = { params: Promise<P> };

/**
 * Every dashboard API route goes through here: the session is checked in the handler itself (not
 * only in the proxy), the user is reloaded so a removed account loses access at once, and errors
 * are mapped to JSON.
 */
export function withSession<P = Record<string, never>>(handler: Handler<P>) {
  return async (req: NextRequest, ctx: RouteContext<P>): Promise<Response> => {
    try {
      const session = await currentSession(req);
      if (!session) throw new ApiError("UNAUTHENTICATED", "Sign in to use this API.");
      return await handler(req, {
        user: session.user,
        sessionId: session.id,
        runtime: await getRuntime(),
        params: await ctx.params,
      });
    } catch (err) {
      // The browser went away (navigation, closed tab): nobody reads the answer, and it is no server error.
      if (req.signal.aborted) return new Response(null, { status: 499 });
      return errorResponse(err, { method: req.method, path: req.nextUrl.pathname });
    }
  };
}

/**
 * The signed-in user, freshly read from the store, or null. Route handlers pass their request: the
 * session cookie is then read from it (`getToken`), which needs no Next request context, so the
 * handlers can be called directly in tests. Server components call it without one.
 */
export async function currentUser(req?: NextRequest): Promise<User | null> {
  return (await currentSession(req))?.user ?? null;
}

/**
 * The session a request came with, when it is still live: a valid cookie whose session the server
 * has not ended (sign-out, sign-out of every device, a password change, the account removed).
 */
export async function currentSession(req?: NextRequest): Promise<{ id: string; user: User } | null> {
  const { db, sessionSecret, env } = await getRuntime();
  // The same cookie and secret as next-auth: it picks the secure cookie name from NEXTAUTH_URL.
  const token = req
    ? await getToken({ req, secret: sessionSecret })
    : await getToken({ req: { cookies: await cookies(), headers: {} } as never, secret: sessionSecret });
  const uid = token?.uid;
  const sid = token?.sid;
  if (typeof uid !== "number" || typeof sid !== "string") return null;
  if (!(await liveSession(db, sid, uid, env.FOURFOLD_SESSION_MAX_AGE * 1000))) return null;
  const row = await findUserById(db, uid);
  if (!row) return null;
  const { passwordHash: _omit, ...user } = row;
  return { id: sid, user };
}
