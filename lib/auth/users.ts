import "server-only";
import type { Store } from "@/lib/store";
import { hashPassword } from "./password";
import { parseScopes, type Access } from "./scopes";
import { endUserSessions } from "./sessions";

export interface User extends Access {
  id: number;
  email: string;
}

export interface UserWithHash extends User {
  passwordHash: string | null;
}

type Row = { id: number; email: string; password_hash: string | null; is_admin: number; scopes: string };

function toUser(row: Row): UserWithHash {
  const list = JSON.parse(row.scopes) as string[];
  return {
    id: row.id,
    email: row.email,
    admin: row.is_admin === 1,
    ...parseScopes(list),
    passwordHash: row.password_hash,
  };
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail(db: Store, email: string): Promise<UserWithHash | undefined> {
  const row = await db.selectFrom("users").selectAll().where("email", "=", normaliseEmail(email)).executeTakeFirst();
  return row && toUser(row);
}

export async function findUserById(db: Store, id: number): Promise<UserWithHash | undefined> {
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toUser(row);
}

export async function listUsers(db: Store): Promise<User[]> {
  const rows = await db.selectFrom("users").selectAll().orderBy("email").execute();
  return rows.map((r) => {
    const { passwordHash: _omit, ...user } = toUser(r);
    return user;
  });
}

export async function countUsers(db: Store): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function addUser(
  db: Store,
  input: { email: string; password: string | null; admin: boolean; scopes: string[] },
): Promise<User> {
  const row = await db
    .insertInto("users")
    .values({
      email: normaliseEmail(input.email),
      password_hash: input.password === null ? null : await hashPassword(input.password),
      is_admin: input.admin ? 1 : 0,
      scopes: JSON.stringify(input.scopes),
      created_at: new Date().toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const { passwordHash: _omit, ...user } = toUser(row);
  return user;
}

export async function updateUser(
  db: Store,
  email: string,
  change: { password?: string; admin?: boolean; scopes?: string[] },
): Promise<boolean> {
  const set: { password_hash?: string; is_admin?: number; scopes?: string } = {};
  if (change.password !== undefined) set.password_hash = await hashPassword(change.password);
  if (change.admin !== undefined) set.is_admin = change.admin ? 1 : 0;
  if (change.scopes !== undefined) set.scopes = JSON.stringify(change.scopes);
  if (Object.keys(set).length === 0) return Boolean(await findUserByEmail(db, email));
  const res = await db.updateTable("users").set(set).where("email", "=", normaliseEmail(email)).executeTakeFirst();
  // A new password ends every session: whoever knew the old one is signed out everywhere.
  if (res.numUpdatedRows > 0n && change.password !== undefined) {
    const user = await findUserByEmail(db, email);
    if (user) await endUserSessions(db, user.id);
  }
  return res.numUpdatedRows > 0n;
}

/** Removes an account; its identities and sessions go with it (foreign keys, ON DELETE CASCADE). */
export async function removeUser(db: Store, email: string): Promise<boolean> {
  const res = await db.deleteFrom("users").where("email", "=", normaliseEmail(email)).executeTakeFirst();
  return res.numDeletedRows > 0n;
}

/** Up to `limit` admins' emails: whom a user with no access can ask. */
export async function adminEmails(db: Store, limit = 3): Promise<string[]> {
  const rows = await db
    .selectFrom("users")
    .select("email")
    .where("is_admin", "=", 1)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => r.email);
}
