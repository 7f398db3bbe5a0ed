import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/store/db";
import { openTestStore } from "@/lib/store/testing/test-store";
import { endSession, endUserSessions, liveSession, pruneSessions, sessionIdToken, startSession } from "./sessions";
import { addUser, updateUser, type User } from "./users";

const HOUR = 3_600_000;
let db: Store;
let alice: User;
let bob: User;
beforeEach(async () => {
  db = await openTestStore();
  alice = await addUser(db, { email: "alice@example.com", password: "a-long-password-1", admin: false, scopes: [] });
  bob = await addUser(db, { email: "bob@example.com", password: "a-long-password-2", admin: false, scopes: [] });
});
afterEach(async () => db.destroy());

describe("sessions", () => {
  it("a started session is live for its user only, and not once ended", async () => {
    const sid = await startSession(db, { userId: alice.id, provider: "credentials" });
    expect(sid).toMatch(/^[\w-]{43}$/);
    expect(await liveSession(db, sid, alice.id, 8 * HOUR)).toMatchObject({ id: sid, userId: alice.id });
    expect(await liveSession(db, sid, bob.id, 8 * HOUR)).toBeNull();
    expect(await endSession(db, sid)).toBe(true);
    expect(await liveSession(db, sid, alice.id, 8 * HOUR)).toBeNull();
    expect(await endSession(db, sid)).toBe(false);
  });

  it("an unknown session id is not live", async () => {
    expect(await liveSession(db, "made-up", alice.id, 8 * HOUR)).toBeNull();
  });

  it("a session idle for longer than the cookie lives is not live, and pruning forgets it", async () => {
    const t0 = Date.UTC(2026, 0, 1);
    const sid = await startSession(db, { userId: alice.id, provider: "credentials" }, t0);
    expect(await liveSession(db, sid, alice.id, 8 * HOUR, t0 + 7 * HOUR)).not.toBeNull();
    // Seen at +7 h: it lives until +15 h.
    expect(await liveSession(db, sid, alice.id, 8 * HOUR, t0 + 14 * HOUR)).not.toBeNull();
    expect(await liveSession(db, sid, alice.id, 8 * HOUR, t0 + 23 * HOUR)).toBeNull();
    expect(await pruneSessions(db, 8 * HOUR, t0 + 23 * HOUR)).toBe(1);
  });

  it("signing out of every device ends every session of that user and no other", async () => {
    const a1 = await startSession(db, { userId: alice.id, provider: "credentials" });
    const a2 = await startSession(db, { userId: alice.id, provider: "oidc", idToken: "id.token.here" });
    const b1 = await startSession(db, { userId: bob.id, provider: "credentials" });
    expect(await sessionIdToken(db, a2)).toBe("id.token.here");
    expect(await endUserSessions(db, alice.id)).toBe(2);
    expect(await liveSession(db, a1, alice.id, 8 * HOUR)).toBeNull();
    expect(await liveSession(db, a2, alice.id, 8 * HOUR)).toBeNull();
    expect(await liveSession(db, b1, bob.id, 8 * HOUR)).not.toBeNull();
  });

  it("a password change ends the user's sessions; a change of scopes keeps them", async () => {
    const sid = await startSession(db, { userId: alice.id, provider: "credentials" });
    await updateUser(db, "alice@example.com", { scopes: ["team-a"] });
    expect(await liveSession(db, sid, alice.id, 8 * HOUR)).not.toBeNull();
    await updateUser(db, "alice@example.com", { password: "another-long-password" });
    expect(await liveSession(db, sid, alice.id, 8 * HOUR)).toBeNull();
  });
});
