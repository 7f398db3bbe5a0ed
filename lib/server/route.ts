import "server-only";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth/options";
import { findUserById, type User } from "@/lib/auth/users";
import { ApiError, errorResponse } from "./errors";
import { getRuntime, type Runtime } from "./runtime";

export interface SessionContext<P> {
  user: User;
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
      const user = await currentUser(req);
      if (!user) throw new ApiError("UNAUTHENTICATED", "Sign in to use this API.");
      return await handler(req, { user, runtime: await getRuntime(), params: await ctx.params });
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
  const id = req ? await userIdFromRequest(req) : await userIdFromContext();
  if (typeof id !== "number") return null;
  const { db } = await getRuntime();
  const row = await findUserById(db, id);
  if (!row) return null;
  const { passwordHash: _omit, ...user } = row;
  return user;
}

async function userIdFromContext(): Promise<unknown> {
  const session = await getServerSession(await getAuthOptions());
  return (session?.user as { id?: number } | undefined)?.id;
}

// The same cookie and secret as getServerSession: next-auth picks the secure cookie name from NEXTAUTH_URL.
async function userIdFromRequest(req: NextRequest): Promise<unknown> {
  const { sessionSecret } = await getRuntime();
  const token = await getToken({ req, secret: sessionSecret });
  return token?.uid;
}
