// POST /api/session/end – sign out: end this session, or every session of the user ({"everywhere": true})
import { NextResponse } from "next/server";
import { z } from "zod";
import { readMutationBody } from "@/lib/access";
import { afterSignOutUrl, endSession, endUserSessions, sessionIdToken } from "@/lib/auth";
import { allowedOrigin, NO_STORE } from "@/lib/dashboard";
import { invalid, log } from "@/lib/server";
import { withSession } from "@/lib/runtime";

const bodySchema = z.strictObject({ everywhere: z.boolean().default(false) });

export const POST = withSession(async (req, { user, sessionId, runtime }) => {
  const body = bodySchema.safeParse(await readMutationBody(req, user, allowedOrigin(runtime)));
  if (!body.success)
    throw invalid(
      "The body is invalid.",
      body.error.issues.map((i) => ({ field: i.path.join(".") || "body", message: i.message })),
    );
  const { db, env } = runtime;
  // Read before the row goes: RP-initiated logout needs the ID token this session was opened with.
  const idToken = await sessionIdToken(db, sessionId);
  const ended = body.data.everywhere ? await endUserSessions(db, user.id) : Number(await endSession(db, sessionId));
  log.info(body.data.everywhere ? "auth.sign_out_everywhere" : "auth.sign_out", { user: user.email, sessions: ended });
  const sso = env.OIDC_END_SESSION === "on" && env.OIDC_ISSUER && env.OIDC_CLIENT_ID && idToken;
  const redirect = sso
    ? await afterSignOutUrl({
        issuer: env.OIDC_ISSUER!,
        clientId: env.OIDC_CLIENT_ID!,
        idToken,
        appUrl: env.NEXTAUTH_URL ?? req.nextUrl.origin,
      })
    : "/signin";
  return NextResponse.json({ ended, redirect }, { headers: NO_STORE });
});
