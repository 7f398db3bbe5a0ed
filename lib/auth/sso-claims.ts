// What Fourfold reads from an IdP's claims, and how a failed sign-in is told apart in the log.
// Pure functions: no I/O, so every case is tested in a table.

import type { SsoClaims } from "./identities";

/** OIDC claims after the ID token (and, where it lacks them, UserInfo) were read. */
export interface OidcProfile {
  iss?: unknown;
  sub?: unknown;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
}

/** `email_verified` counts only when the IdP says true (a few IdPs send the string "true"). */
export function isVerified(value: unknown): boolean {
  return value === true || value === "true";
}

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

export function oidcClaims(profile: OidcProfile, fallbackIssuer: string): SsoClaims | null {
  const subject = text(profile.sub);
  if (!subject) return null;
  return {
    provider: "oidc",
    issuer: text(profile.iss) ?? fallbackIssuer,
    subject,
    email: text(profile.email)?.toLowerCase() ?? null,
    emailVerified: isVerified(profile.email_verified),
  };
}

/** ID token claims win; UserInfo fills only what the ID token left out. */
export function mergeUserInfo(
  idToken: Record<string, unknown>,
  userInfo: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...userInfo };
  for (const [k, v] of Object.entries(idToken)) if (v !== undefined && v !== null) merged[k] = v;
  return merged;
}

/** The claims that make UserInfo worth a call when the ID token lacks them. */
export function needsUserInfo(idToken: Record<string, unknown>): boolean {
  return idToken.email === undefined || idToken.email_verified === undefined;
}

export type AuthFailure =
  | "state_mismatch"
  | "state_missing"
  | "nonce_mismatch"
  | "nonce_missing"
  | "pkce_failed"
  | "wrong_audience"
  | "wrong_issuer"
  | "expired_token"
  | "token_not_yet_valid"
  | "bad_signature"
  | "unknown_key"
  | "unexpected_algorithm"
  | "userinfo_subject_mismatch"
  | "idp_refused"
  | "idp_unreachable"
  | "profile_invalid"
  | "configuration"
  | "unknown";

// openid-client's and next-auth's messages, most specific first.
const PATTERNS: [RegExp, AuthFailure][] = [
  [/state mismatch/i, "state_mismatch"],
  [/checks\.state|state cookie|state argument is missing|missing state/i, "state_missing"],
  [/nonce mismatch/i, "nonce_mismatch"],
  [/nonce (cookie|argument)|missing required JWT property nonce|nonce.*missing/i, "nonce_missing"],
  [/code_verifier|pkce.*(cookie|missing)/i, "pkce_failed"],
  [/aud(ience)? mismatch|missing required JWT property aud|azp/i, "wrong_audience"],
  [/unexpected iss|issuer mismatch|missing required JWT property iss/i, "wrong_issuer"],
  [/userinfo sub mismatch/i, "userinfo_subject_mismatch"],
  [/JWT expired|issued too far in the past/i, "expired_token"],
  [/JWT not active yet|nbf/i, "token_not_yet_valid"],
  [/failed to validate JWT signature|signature verification failed/i, "bad_signature"],
  [/no valid key found/i, "unknown_key"],
  [/unexpected JWT alg/i, "unexpected_algorithm"],
  [/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|fetch failed|outgoing request timed out/i, "idp_unreachable"],
  [/invalid_grant|invalid_client|unauthorized_client|access_denied|invalid_request/i, "idp_refused"],
  [/Profile id is missing/i, "profile_invalid"],
];

/** A JWT anywhere in a message is replaced, so no token reaches the log; nor do state and nonce values. */
const JWT_LIKE = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;
const CHECK_VALUES = /\b(state|nonce) mismatch, expected \S*, got: \S*/gi;

export interface DescribedAuthError {
  code: string;
  reason: AuthFailure;
  detail: string;
  provider?: string;
}

/** next-auth's logger.error(code, metadata) → the specific reason an operator can act on. */
export function describeAuthError(code: string, metadata: unknown): DescribedAuthError {
  const meta = (metadata ?? {}) as {
    error?: unknown;
    message?: unknown;
    providerId?: unknown;
    error_description?: unknown;
  };
  const err = metadata instanceof Error ? metadata : meta.error instanceof Error ? meta.error : null;
  const parts = [
    err?.message,
    typeof meta.message === "string" ? meta.message : null,
    typeof meta.error_description === "string" ? meta.error_description : null,
  ];
  const cause = (err as { cause?: unknown } | null)?.cause;
  if (cause instanceof Error) parts.push(cause.message);
  const detail = parts
    .filter((p): p is string => typeof p === "string" && p !== "")
    .join(" — ")
    .replace(JWT_LIKE, "[jwt]")
    .replace(CHECK_VALUES, "$1 mismatch")
    .slice(0, 300);
  let reason: AuthFailure = /CONFIG|NO_SECRET|MISSING_NEXTAUTH/i.test(code) ? "configuration" : "unknown";
  for (const [pattern, r] of PATTERNS) {
    if (pattern.test(detail)) {
      reason = r;
      break;
    }
  }
  const out: DescribedAuthError = { code, reason, detail };
  if (typeof meta.providerId === "string") out.provider = meta.providerId;
  return out;
}

/** GitHub's `/user/emails` answer → its primary address and whether GitHub verified it; nothing else counts. */
export function githubPrimaryEmail(emails: unknown): { email: string | null; email_verified: boolean } {
  const list = Array.isArray(emails) ? (emails as { email?: unknown; primary?: unknown; verified?: unknown }[]) : [];
  const primary = list.find((e) => e?.primary === true);
  if (!primary || typeof primary.email !== "string") return { email: null, email_verified: false };
  return { email: primary.email, email_verified: primary.verified === true };
}
