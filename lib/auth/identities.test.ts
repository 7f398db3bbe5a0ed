import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/store/db";
import { openTestStore } from "@/lib/store/testing/test-store";
import { listIdentities, removeIdentity, resolveSsoSignIn, type SsoClaims } from "./identities";
import { countUserSessions, startSession } from "./sessions";
import { addUser, findUserByEmail, removeUser } from "./users";

const ISSUER = "https://idp.example.com";
const claims = (over: Partial<SsoClaims> = {}): SsoClaims => ({
  provider: "oidc",
  issuer: ISSUER,
  subject: "sub-1",
  email: "admin@example.com",
  emailVerified: true,
  ...over,
});

let db: Store;
beforeEach(async () => {
  db = await openTestStore();
  await addUser(db, { email: "admin@example.com", password: "a-long-password-1", admin: true, scopes: [] });
});
afterEach(async () => db.destroy());

describe("resolveSsoSignIn", () => {
  it("refuses an unverified email that names an existing account, and links nothing", async () => {
    const d = await resolveSsoSignIn(db, claims({ emailVerified: false }));
    expect(d).toEqual({ ok: false, reason: "email_not_verified" });
    const admin = await findUserByEmail(db, "admin@example.com");
    expect(await listIdentities(db, admin!.id)).toEqual([]);
  });

  it("refuses an unverified email for a new account too, and creates none", async () => {
    expect(await resolveSsoSignIn(db, claims({ email: "new@example.com", emailVerified: false }))).toEqual({
      ok: false,
      reason: "email_not_verified",
    });
    expect(await findUserByEmail(db, "new@example.com")).toBeUndefined();
  });

  it("refuses a first sign-in without an email", async () => {
    expect(await resolveSsoSignIn(db, claims({ email: null }))).toEqual({ ok: false, reason: "email_missing" });
  });

  it("links a verified email to the existing account, then matches on the subject after the email changed", async () => {
    const first = await resolveSsoSignIn(db, claims());
    expect(first).toMatchObject({ ok: true, how: "linked", user: { email: "admin@example.com", admin: true } });
    const again = await resolveSsoSignIn(db, claims({ email: "renamed@example.com", emailVerified: false }));
    expect(again).toMatchObject({ ok: true, how: "matched", user: { email: "admin@example.com" } });
    const [identity] = await listIdentities(db, (await findUserByEmail(db, "admin@example.com"))!.id);
    expect(identity).toMatchObject({ issuer: ISSUER, subject: "sub-1", email: "renamed@example.com" });
  });

  it("creates an account with no scopes for a new verified email", async () => {
    const d = await resolveSsoSignIn(db, claims({ subject: "sub-9", email: "new@example.com" }));
    expect(d).toMatchObject({
      ok: true,
      how: "created",
      user: { email: "new@example.com", admin: false, teams: [], trees: [] },
    });
  });

  it("does not hand an account bound to one subject to another subject of the same issuer with the same email", async () => {
    await resolveSsoSignIn(db, claims());
    expect(await resolveSsoSignIn(db, claims({ subject: "sub-2" }))).toEqual({
      ok: false,
      reason: "identity_conflict",
    });
    // Another issuer may still link (GitHub beside the company IdP).
    expect(
      await resolveSsoSignIn(db, claims({ provider: "github", issuer: "https://github.com", subject: "42" })),
    ).toMatchObject({ ok: true, how: "linked" });
  });

  it("the same subject at another issuer is another identity", async () => {
    await resolveSsoSignIn(db, claims());
    const other = await resolveSsoSignIn(
      db,
      claims({ issuer: "https://other.example.com", email: "x@example.com", emailVerified: false }),
    );
    expect(other).toEqual({ ok: false, reason: "email_not_verified" });
  });
});

describe("removing links and accounts", () => {
  it("unlinking an identity ends the sessions opened through it and nothing else", async () => {
    const d = await resolveSsoSignIn(db, claims());
    if (!d.ok) throw new Error("expected a sign-in");
    await startSession(db, { userId: d.user.id, provider: "oidc", identityId: d.identityId });
    await startSession(db, { userId: d.user.id, provider: "credentials" });
    expect(await removeIdentity(db, d.user.id, d.identityId)).toBe(true);
    expect(await countUserSessions(db, d.user.id)).toBe(1);
    // Unlinked, the next sign-in is a first one again: a verified email is needed.
    expect(await resolveSsoSignIn(db, claims({ emailVerified: false }))).toEqual({
      ok: false,
      reason: "email_not_verified",
    });
  });

  it("removing an account removes its identities and sessions", async () => {
    const d = await resolveSsoSignIn(db, claims());
    if (!d.ok) throw new Error("expected a sign-in");
    await startSession(db, { userId: d.user.id, provider: "oidc", identityId: d.identityId });
    expect(await removeUser(db, "admin@example.com")).toBe(true);
    expect(await db.selectFrom("user_identities").selectAll().execute()).toEqual([]);
    expect(await db.selectFrom("sessions").selectAll().execute()).toEqual([]);
  });
});
