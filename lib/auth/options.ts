import "server-only";
import type { Account, AuthOptions, Profile } from "next-auth";
import type { JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { TokenSet } from "openid-client";
import { z } from "zod";
import { type ServerEnv, log, emailSchema, WindowLimiter } from "@/lib/server";
import { isPostgres, pruneShared, takeShared, type Store } from "@/lib/store";
import { resolveSsoSignIn, type DenyReason, type SsoClaims } from "./identities";
import { findUserByEmail, findUserById } from "./users";
import { verifyPassword } from "./password";
import { endSession, pruneSessions, startSession } from "./sessions";
import {
  describeAuthError,
  githubPrimaryEmail,
  isVerified,
  mergeUserInfo,
  needsUserInfo,
  oidcClaims,
} from "./sso-claims";

/** Ten sign-in attempts per account per 5 minutes slow password guessing without locking anyone out for long. */
const SIGN_IN_LIMIT = { limit: 10, windowMs: 5 * 60_000 };
const signInLimiter = new WindowLimiter(SIGN_IN_LIMIT.limit, SIGN_IN_LIMIT.windowMs);

/** Counted in memory on SQLite (one server process); in the store on PostgreSQL, across instances. */
async function signInAllowed(db: Store, email: string): Promise<boolean> {
  if (!isPostgres(db)) return signInLimiter.take(email);
  const { limit, windowMs } = SIGN_IN_LIMIT;
  if (Math.random() < 0.01) await pruneShared(db, "signin:", windowMs);
  return (await takeShared(db, `signin:${email}`, limit, windowMs)).allowed;
}
const credentialsSchema = z.object({ email: emailSchema, password: z.string().min(1).max(1024) });

/** GitHub has no OIDC issuer; its numeric user id is the subject under this name. */
export const GITHUB_ISSUER = "https://github.com";

/** The sign-in page's error code for each refusal (it explains each to the person). */
export const DENIED_ERROR: Record<DenyReason | "subject_missing", string> = {
  email_missing: "EmailMissing",
  email_not_verified: "EmailNotVerified",
  identity_conflict: "IdentityConflict",
  subject_missing: "SubjectMissing",
};

/** What the options are made of; the composition root (lib/runtime) passes its own. */
export interface AuthDeps {
  env: ServerEnv;
  db: Store;
  sessionSecret: string;
}

function oidcProvider(issuer: string, clientId: string, clientSecret: string): OAuthConfig<Profile> {
  return {
    id: "oidc",
    name: "Single sign-on",
    type: "oauth",
    wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    // The ID token is validated first (signature, issuer, audience, expiry, nonce). An IdP on its
    // defaults may release email only at UserInfo: ask it then, and keep the ID token's claims first.
    userinfo: {
      async request({ tokens, client }) {
        // next-auth hands over openid-client's TokenSet (its callback() validated the ID token).
        const set = tokens as TokenSet;
        const claims = set.claims() as Record<string, unknown>;
        if (!needsUserInfo(claims) || !set.access_token) return claims as Profile;
        // Given the TokenSet, openid-client refuses a UserInfo answer for another subject.
        const info = (await client.userinfo(set)) as Record<string, unknown>;
        return mergeUserInfo(claims, info) as Profile;
      },
    },
    profile: (p: Profile & { name?: string }) => ({ id: String(p.sub), email: p.email ?? null, name: p.name ?? null }),
  };
}

/** GitHub's own provider takes any listed email; Fourfold takes the primary one and whether GitHub verified it. */
function githubProvider(clientId: string, clientSecret: string) {
  const base = GitHubProvider({ clientId, clientSecret });
  return {
    ...base,
    userinfo: {
      url: "https://api.github.com/user",
      async request({
        client,
        tokens,
      }: {
        client: { userinfo: (t: string) => Promise<Record<string, unknown>> };
        tokens: { access_token?: string };
      }) {
        const profile = await client.userinfo(tokens.access_token!);
        const res = await fetch("https://api.github.com/user/emails", {
          headers: {
            authorization: `Bearer ${tokens.access_token}`,
            accept: "application/vnd.github+json",
            "user-agent": "Fourfold",
          },
          signal: AbortSignal.timeout(10_000),
        });
        return { ...profile, ...githubPrimaryEmail(res.ok ? await res.json() : []) };
      },
    },
  } as typeof base;
}

/** The identity an SSO sign-in asserts, or null when it names no subject. */
function ssoClaims(account: Account, profile: Profile | undefined, oidcIssuer: string | undefined): SsoClaims | null {
  const p = (profile ?? {}) as Record<string, unknown>;
  if (account.provider === "oidc") return oidcClaims(p, oidcIssuer ?? "");
  if (account.provider === "github") {
    const subject = p.id === undefined || p.id === null ? "" : String(p.id);
    if (!subject) return null;
    const email = typeof p.email === "string" ? p.email.toLowerCase() : null;
    return { provider: "github", issuer: GITHUB_ISSUER, subject, email, emailVerified: isVerified(p.email_verified) };
  }
  return null;
}

/** next-auth's options: providers, the SSO binding rules, server-side sessions and the auth log. */
export function buildAuthOptions({ env, db, sessionSecret }: AuthDeps): AuthOptions {
  const maxAgeMs = env.FOURFOLD_SESSION_MAX_AGE * 1000;
  const providers: AuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        if (!(await signInAllowed(db, email.toLowerCase()))) {
          log.warn("auth.sign_in.throttled", { email });
          return null;
        }
        const user = await findUserByEmail(db, email);
        if (!(await verifyPassword(password, user?.passwordHash ?? null)) || !user) {
          log.warn("auth.sign_in.refused", { email });
          return null;
        }
        log.info("auth.sign_in", { email: user.email, provider: "credentials" });
        return { id: String(user.id), email: user.email };
      },
    }),
  ];
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    providers.push(oidcProvider(env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET));
  }
  if (env.GITHUB_ID && env.GITHUB_SECRET) providers.push(githubProvider(env.GITHUB_ID, env.GITHUB_SECRET));

  return {
    secret: sessionSecret,
    session: { strategy: "jwt", maxAge: env.FOURFOLD_SESSION_MAX_AGE, updateAge: 5 * 60 },
    jwt: { maxAge: env.FOURFOLD_SESSION_MAX_AGE },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    callbacks: {
      // Single sign-on is bound to (issuer, subject); an email links an account only when verified.
      async signIn({ account, profile }) {
        if (!account || account.provider === "credentials") return true;
        const claims = ssoClaims(account, profile, env.OIDC_ISSUER);
        if (!claims) {
          log.warn("auth.denied", { provider: account.provider, reason: "subject_missing" });
          return `/signin?error=${DENIED_ERROR.subject_missing}`;
        }
        const decision = await resolveSsoSignIn(db, claims);
        const who = { provider: claims.provider, issuer: claims.issuer, subject: claims.subject, email: claims.email };
        if (!decision.ok) {
          log.warn("auth.denied", { ...who, emailVerified: claims.emailVerified, reason: decision.reason });
          return `/signin?error=${DENIED_ERROR[decision.reason]}`;
        }
        if (decision.how !== "matched")
          log.info(`auth.identity_${decision.how}`, { ...who, user: decision.user.email });
        log.info("auth.sign_in", { ...who, user: decision.user.email, admin: decision.user.admin });
        return true;
      },
      // A sign-in opens a server-side session; its id travels in the JWT and is checked on every request.
      async jwt({ token, user, account, profile }) {
        if (!account || !user) return token;
        let userId: number | undefined;
        let identityId: number | null = null;
        if (account.provider === "credentials") {
          userId = Number(user.id);
        } else {
          const claims = ssoClaims(account, profile, env.OIDC_ISSUER);
          const row = claims
            ? await db
                .selectFrom("user_identities")
                .select(["id", "user_id"])
                .where("issuer", "=", claims.issuer)
                .where("subject", "=", claims.subject)
                .executeTakeFirst()
            : undefined;
          userId = row?.user_id;
          identityId = row?.id ?? null;
        }
        const local = userId === undefined ? undefined : await findUserById(db, userId);
        if (!local) return {} as JWT;
        await pruneSessions(db, maxAgeMs);
        const sid = await startSession(db, {
          userId: local.id,
          provider: account.provider,
          identityId,
          idToken: typeof account.id_token === "string" ? account.id_token : null,
        });
        return { sub: String(local.id), email: local.email, uid: local.id, sid };
      },
      async session({ session, token }) {
        return { ...session, user: { email: token.email ?? null, id: token.uid as number | undefined } };
      },
    },
    events: {
      async signOut({ token }) {
        const sid = (token as JWT | null)?.sid;
        if (typeof sid === "string" && (await endSession(db, sid)))
          log.info("auth.sign_out", { user: token.email ?? null });
      },
    },
    logger: {
      error: (code, metadata) => log.error("auth.error", { ...describeAuthError(code, metadata) }),
      warn: (code) => log.warn("auth.warn", { code }),
      debug: () => {},
    },
  };
}
