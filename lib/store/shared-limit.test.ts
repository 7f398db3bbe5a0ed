// The create limit kept in the store, as several instances share it: hits on two connections count
// together, concurrent hits never pass the limit, and the previous window's hits weigh on the next
// as long as they lie within the sliding window.
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

  const start = 1_000 * W; // a window's start
  const take = (db: Store, now: number, key = "create:u1") => takeShared(db, key, 20, W, now);

  it("20 a minute across two instances; the 21st is told to wait until the window ends", async () => {
    for (let i = 0; i < 20; i++) expect((await take(i % 2 ? a : b, start + 1000 + i)).allowed).toBe(true);
    const refused = await take(a, start + 30_000);
    expect(refused).toEqual({ allowed: false, retryAfterMs: 30_000 });
    // Another user has a count of their own.
    expect((await take(b, start + 30_000, "create:u2")).allowed).toBe(true);
  });

  it("concurrent hits on both instances let exactly the limit through", async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => take(i % 2 ? a : b, start + 5000)));
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
  });

  it("the previous window's hits count for the part of it still within the last minute", async () => {
    for (let i = 0; i < 20; i++) await take(a, start + 59_000);
    // Half-way through the next window, half of the 20 still count: 10 more are allowed.
    const mid = start + W + W / 2;
    const allowed = [];
    for (let i = 0; i < 12; i++) allowed.push((await take(b, mid)).allowed);
    expect(allowed.filter(Boolean)).toHaveLength(10);
    // The next is allowed once enough of the previous window has slid out: 10·(1 − t) + 10 < 20.
    const refused = await take(a, mid);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect((await take(a, mid + refused.retryAfterMs + 1)).allowed).toBe(true);
  });

  it("windows past the sliding window are forgotten", async () => {
    await take(a, start);
    await take(a, start + W);
    await take(a, start + 3 * W, "create:u1");
    expect(await a.selectFrom("rate_counts").select("window_start").orderBy("window_start").execute()).toEqual([
      { window_start: start + 3 * W },
    ]);
    await take(a, start, "create:old");
    await pruneShared(a, "create:", W, start + 3 * W);
    expect(await a.selectFrom("rate_counts").select("key").execute()).toEqual([{ key: "create:u1" }]);
  });
});
