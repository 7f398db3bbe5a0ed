import "server-only";
import path from "node:path";
import { z } from "zod";
import { emailSchema } from "@/lib/server/email";
import type { PublicConfig } from "@/lib/contract";

// The environment, validated once. Nothing is required on a fresh machine: the embedded engine and
// a generated session secret are the defaults. A bad value fails start-up with a message naming it.

const optionalUrl = z
  .string()
  .url("must be an absolute URL such as https://app.harness.io/prod1/sei/api")
  .refine((u) => /^https?:/.test(u), "must use http or https")
  .optional();

const csv = z
  .string()
  .optional()
  .transform((s) =>
    s
      ? s
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean)
      : [],
  );

export const serverEnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    FOURFOLD_DATA_DIR: z.string().min(1).default("./data"),
    /** The store on PostgreSQL (`postgres://user:password@host:5432/db`); unset, SQLite in the data folder. */
    FOURFOLD_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgres:// or postgresql:// URL")
      .optional(),
    NEXTAUTH_URL: optionalUrl,
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    FOURFOLD_SESSION_MAX_AGE: z.coerce
      .number()
      .int()
      .min(300)
      .max(86_400 * 7)
      .default(8 * 3600),
    FOURFOLD_ADMIN_EMAIL: emailSchema.optional(),
    FOURFOLD_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
    FOURFOLD_API_KEYS: csv,
    FOURFOLD_DEMO: z.enum(["on", "off"]).default("on"),
    SEI_BASE_URL: optionalUrl,
    SEI_API_KEY: z.string().min(1).optional(),
    SEI_ORG_IDENTIFIER: z.string().min(1).optional(),
    SEI_PROJECT_IDENTIFIER: z.string().min(1).optional(),
    SEI_TEAMS_FILE: z.string().min(1).optional(),
    OIDC_ISSUER: optionalUrl,
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** on: signing out of a single sign-on session also ends it at the IdP (its end_session_endpoint). */
    OIDC_END_SESSION: z.enum(["on", "off"]).default("off"),
    GITHUB_ID: z.string().min(1).optional(),
    GITHUB_SECRET: z.string().min(1).optional(),
    /** Whom a user with no teams should ask, shown on their empty team list (default: the admins' emails). */
    FOURFOLD_ACCESS_CONTACT: z.string().trim().min(1).max(200).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.SEI_BASE_URL) {
      for (const key of ["SEI_API_KEY", "SEI_ORG_IDENTIFIER", "SEI_PROJECT_IDENTIFIER"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when SEI_BASE_URL is set" });
      }
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length;
    if (oidc > 0 && oidc < 3) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together",
      });
    }
    if (Boolean(env.GITHUB_ID) !== Boolean(env.GITHUB_SECRET)) {
      ctx.addIssue({ code: "custom", path: ["GITHUB_ID"], message: "GITHUB_ID and GITHUB_SECRET go together" });
    }
    if (Boolean(env.FOURFOLD_ADMIN_EMAIL) !== Boolean(env.FOURFOLD_ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: "custom",
        path: ["FOURFOLD_ADMIN_EMAIL"],
        message: "FOURFOLD_ADMIN_EMAIL and FOURFOLD_ADMIN_PASSWORD go together",
      });
    }
  });

export type ServerEnv = z.infer<typeof serverEnvSchema> & { dataDir: string };

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses an environment; throws EnvError naming every bad variable (never echoing its value). */
export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const blanksRemoved = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = serverEnvSchema.safeParse(blanksRemoved);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".") || "(environment)"}: ${i.message}`));
  }
  return { ...result.data, dataDir: path.resolve(result.data.FOURFOLD_DATA_DIR) };
}

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}

export function publicConfig(env: ServerEnv = serverEnv()): PublicConfig {
  // Harness SEI has only the export API: the engine's own groups and endpoints are the engine's.
  if (env.SEI_BASE_URL)
    return {
      mode: "harness",
      host: new URL(env.SEI_BASE_URL).host,
      features: { newerMetrics: false, records: false, coverage: false },
    };
  return { mode: "embedded", host: null, features: { newerMetrics: true, records: true, coverage: true } };
}
