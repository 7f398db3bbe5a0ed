import "server-only";
import { writeTransaction, type Store } from "@/lib/store";
import { addUser, findUserByEmail, findUserById, type User } from "./users";

// Single sign-on accounts are bound to the IdP's subject, never to an email alone. The first
// sign-in of an (issuer, subject) links it to the account of the same email, or creates one, and
// only when the IdP asserts that the email is verified; every later sign-in is matched on (issuer,
// subject), whatever email the IdP says then.

export interface SsoClaims {
  /** Fourfold's provider id: `oidc` or `github`. */
  provider: string;
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
}

export type DenyReason = "email_missing" | "email_not_verified" | "identity_conflict";

export type SsoDecision =
  | { ok: true; user: User; identityId: number; how: "matched" | "linked" | "created" }
  | { ok: false; reason: DenyReason };

export interface Identity {
  id: number;
  userId: number;
  provider: string;
  issuer: string;
  subject: string;
  email: string | null;
  linkedAt: string;
  lastSignInAt: string;
}

/** Who an SSO sign-in is, or why it is refused. Links or creates the account when allowed. */
export async function resolveSsoSignIn(db: Store, claims: SsoClaims, now = new Date()): Promise<SsoDecision> {
  const at = now.toISOString();
  const known = await db
    .selectFrom("user_identities")
    .select(["id", "user_id"])
    .where("issuer", "=", claims.issuer)
    .where("subject", "=", claims.subject)
    .executeTakeFirst();
  if (known) {
    const user = await findUserById(db, known.user_id);
    if (user) {
      await db
        .updateTable("user_identities")
        .set({ email: claims.email, last_sign_in_at: at })
        .where("id", "=", known.id)
        .execute();
      return { ok: true, user: withoutHash(user), identityId: known.id, how: "matched" };
    }
  }
  if (!claims.email) return { ok: false, reason: "email_missing" };
  if (!claims.emailVerified) return { ok: false, reason: "email_not_verified" };

  return writeTransaction(db, async (trx) => {
    const existing = await findUserByEmail(trx, claims.email!);
    if (existing) {
      // An account already bound to another subject of this issuer is not taken over by a new
      // subject that now holds the same email (an address reassigned at the IdP): an admin unlinks first.
      const other = await trx
        .selectFrom("user_identities")
        .select("id")
        .where("user_id", "=", existing.id)
        .where("issuer", "=", claims.issuer)
        .executeTakeFirst();
      if (other) return { ok: false, reason: "identity_conflict" } as const;
    }
    const user = existing
      ? withoutHash(existing)
      : await addUser(trx, { email: claims.email!, password: null, admin: false, scopes: [] });
    const row = await trx
      .insertInto("user_identities")
      .values({
        user_id: user.id,
        provider: claims.provider,
        issuer: claims.issuer,
        subject: claims.subject,
        email: claims.email,
        linked_at: at,
        last_sign_in_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { ok: true, user, identityId: row.id, how: existing ? "linked" : "created" } as const;
  });
}

export async function listIdentities(db: Store, userId: number): Promise<Identity[]> {
  const rows = await db.selectFrom("user_identities").selectAll().where("user_id", "=", userId).orderBy("id").execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    provider: r.provider,
    issuer: r.issuer,
    subject: r.subject,
    email: r.email,
    linkedAt: r.linked_at,
    lastSignInAt: r.last_sign_in_at,
  }));
}

/** Unlinks one identity of a user; the sessions opened through it end with it. */
export async function removeIdentity(db: Store, userId: number, identityId: number): Promise<boolean> {
  const res = await db
    .deleteFrom("user_identities")
    .where("id", "=", identityId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return res.numDeletedRows > 0n;
}

function withoutHash<T extends { passwordHash?: unknown }>(user: T): Omit<T, "passwordHash"> {
  const { passwordHash: _omit, ...rest } = user;
  return rest;
}
