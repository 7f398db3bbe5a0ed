import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { z } from "zod";
import { getRuntime } from "@/lib/server/runtime";
import { log } from "@/lib/server/log";
import { emailSchema } from "./email";
import { addUser, findUserByEmail } from "./users";
import { verifyPassword } from "./password";
import { WindowLimiter } from "@/lib/server/rate-limit";

/** Ten sign-in attempts per account per 5 minutes slow password guessing without locking anyone out for long. */
const signInLimiter = new WindowLimiter(10, 5 * 60_000);
const credentialsSchema = z.object({ email: emailSchema, password: z.string().min(1).max(1024) });

let cached: Promise<AuthOptions> | undefined;

/** next-auth's options; built once, after the runtime has its session secret. */
export function getAuthOptions(): Promise<AuthOptions> {
  cached ??= build();
  return cached;
}

async function build(): Promise<AuthOptions> {
  const { env, db, sessionSecret } = await getRuntime();
  const providers: AuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        if (!signInLimiter.take(email.toLowerCase())) {
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
    providers.push({
      id: "oidc",
      name: "Single sign-on",
      type: "oauth",
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile: (p: { sub: string; email?: string; name?: string }) => ({ id: p.sub, email: p.email ?? null, name: p.name ?? null }),
    });
  }
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }));
  }

  return {
    secret: sessionSecret,
    session: { strategy: "jwt", maxAge: env.FOURFOLD_SESSION_MAX_AGE, updateAge: 5 * 60 },
    jwt: { maxAge: env.FOURFOLD_SESSION_MAX_AGE },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    callbacks: {
      // Accounts from OIDC or GitHub are matched by email; a new one starts with no scopes until an admin grants some.
      async signIn({ user, account }) {
        if (account?.provider === "credentials") return true;
        const email = user.email?.toLowerCase();
        if (!email) return false;
        if (!(await findUserByEmail(db, email))) await addUser(db, { email, password: null, admin: false, scopes: [] });
        log.info("auth.sign_in", { email, provider: account?.provider });
        return true;
      },
      async jwt({ token, user }) {
        if (user?.email) {
          const row = await findUserByEmail(db, user.email);
          if (row) token.uid = row.id;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { email: token.email ?? null, id: token.uid as number | undefined } };
      },
    },
    logger: {
      error: (code) => log.error("auth.error", { code }),
      warn: (code) => log.warn("auth.warn", { code }),
      debug: () => {},
    },
  };
}
