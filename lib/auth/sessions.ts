import "server-only";
import { randomBytes } from "node:crypto";
import type { Store } from "@/lib/store";

// The server's record of live sessions. The session cookie stays a signed JWT, but it is honoured
// only while its row exists here: signing out, signing out of every device, a password change or
// the account's removal deletes rows, and the next request with that cookie is refused.

/** How often a session's `last_seen_at` is written: at most once per 5 minutes per session. */
const TOUCH_EVERY_MS = 5 * 60_000;

export interface SessionStart {
  userId: number;
  provider: string;
  identityId?: number | null;
  idToken?: string | null;
}

export interface LiveSession {
  id: string;
  userId: number;
  identityId: number | null;
  provider: string;
}

/** A new session's id: 32 random bytes, so it cannot be guessed even by someone who sees others. */
export async function startSession(db: Store, start: SessionStart, now = Date.now()): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db
    .insertInto("sessions")
    .values({
      id,
      user_id: start.userId,
      identity_id: start.identityId ?? null,
      provider: start.provider,
      id_token: start.idToken ?? null,
      created_at: now,
      last_seen_at: now,
    })
    .execute();
  return id;
}

/**
 * The session `id` of user `userId`, when it is still live: its row exists, belongs to that user
 * and was seen within `maxAgeMs` (the cookie's own lifetime). Marks it seen.
 */
export async function liveSession(
  db: Store,
  id: string,
  userId: number,
  maxAgeMs: number,
  now = Date.now(),
): Promise<LiveSession | null> {
  const row = await db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row || row.user_id !== userId || Number(row.last_seen_at) + maxAgeMs <= now) return null;
  if (now - Number(row.last_seen_at) >= TOUCH_EVERY_MS) {
    await db.updateTable("sessions").set({ last_seen_at: now }).where("id", "=", id).execute();
  }
  return { id: row.id, userId: row.user_id, identityId: row.identity_id, provider: row.provider };
}

/** The ID token a session was opened with, for RP-initiated logout. */
export async function sessionIdToken(db: Store, id: string): Promise<string | null> {
  const row = await db.selectFrom("sessions").select("id_token").where("id", "=", id).executeTakeFirst();
  return row?.id_token ?? null;
}

/** Ends one session; true when it was live. */
export async function endSession(db: Store, id: string): Promise<boolean> {
  const res = await db.deleteFrom("sessions").where("id", "=", id).executeTakeFirst();
  return res.numDeletedRows > 0n;
}

/** Ends every session of a user ("sign out of every device", a password change); returns how many. */
export async function endUserSessions(db: Store, userId: number): Promise<number> {
  const res = await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function countUserSessions(db: Store, userId: number): Promise<number> {
  const row = await db
    .selectFrom("sessions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Forgets sessions idle for longer than the cookie lives: their cookies have expired anyway. */
export async function pruneSessions(db: Store, maxAgeMs: number, now = Date.now()): Promise<number> {
  const res = await db
    .deleteFrom("sessions")
    .where("last_seen_at", "<=", now - maxAgeMs)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
