// The create limit kept in the store, as several instances share it: hits on two connections count
// together, concurrent hits never pass the limit, and the window slides as the in-memory one does.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore, storeFile, type Store } from "./db";
import { pruneShared, takeShared } from "./shared-limit";
import { openTestStore } from "./testing/test-store";

const DIALECTS = process.env.FOURFOLD_TEST_STORE === "postgres" ? ["postgres"] : ["sqlite", "postgres"];
const W = 60_000;

describe.each(DIALECTS)("a rate limit kept in the store (%s)", (dialect) => {
  let dir: string;
  let a: Store;
  let b: Store;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-limit-"));
    a = await openTestStore(path.join(dir, "fourfold.db"), { dialect: dialect as "sqlite" | "postgres" });
    // Two connections on PostgreSQL. SQLite's are synchronous: two in one thread would wait on each
    // other's lock for good, so there the second "instance" shares the first's connection.
    b = dialect === "postgres" ? await openStore(storeFile(a)!, { migrate: false }) : a;
  });

  afterEach(async () => {
    if (b !== a) await b.destroy();
    await a.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const t0 = 1_000 * W;
  const take = (db: Store, now: number, key = "create:u1") => takeShared(db, key, 20, W, now);

  it("20 a minute across two instances; the 21st waits until the first leaves the last minute", async () => {
    for (let i = 0; i < 20; i++) expect((await take(i % 2 ? a : b, t0 + 1000 + i)).allowed).toBe(true);
    expect(await take(a, t0 + 30_000)).toEqual({ allowed: false, retryAfterMs: 31_000 });
    // Another user has a count of their own.
    expect((await take(b, t0 + 30_000, "create:u2")).allowed).toBe(true);
    // A minute after the first hit, one more is allowed, not two.
    expect((await take(b, t0 + 61_000)).allowed).toBe(true);
    expect(await take(a, t0 + 61_000)).toEqual({ allowed: false, retryAfterMs: 1 });
  });

  it("concurrent hits on both instances let exactly the limit through", async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => take(i % 2 ? a : b, t0 + 5000)));
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
    expect(results.filter((r) => !r.allowed).every((r) => r.retryAfterMs === W)).toBe(true);
  });

  it("a burst at a minute's end still counts a minute on: the window slides", async () => {
    for (let i = 0; i < 20; i++) await take(a, t0 + 59_000);
    expect(await take(b, t0 + 90_000)).toEqual({ allowed: false, retryAfterMs: 29_000 });
    expect((await take(b, t0 + 119_000)).allowed).toBe(true);
  });

  it("hits that no longer count are forgotten", async () => {
    await take(a, t0);
    await take(a, t0 + W);
    expect(await a.selectFrom("rate_counts").select("at").execute()).toEqual([{ at: t0 + W }]);
    await take(a, t0, "create:old");
    await take(a, t0, "signin:old");
    await pruneShared(a, "create:", W, t0 + 3 * W);
    expect(await a.selectFrom("rate_counts").select("key").orderBy("key").execute()).toEqual([{ key: "signin:old" }]);
  });
});
