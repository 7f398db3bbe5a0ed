import "server-only";
import type { Store } from "./db";
import { lockInTransaction } from "./shared";

// A rate limit kept in the store, for limits that must hold across instances (PostgreSQL: the
// dashboard's export creates, sign-in attempts): the same sliding window as the in-memory limiter
// of one process (lib/server/rate-limit.ts), its hits kept as rows (per key and millisecond, with a
// count), looked at and added to under an advisory lock on the key, so that concurrent hits on
// several instances never pass the limit together.

export interface Take {
  allowed: boolean;
  retryAfterMs: number;
}

/** Records a hit on `key` when fewer than `limit` fall within the last `windowMs`; else how long to wait. */
export async function takeShared(
  db: Store,
  key: string,
  limit: number,
  windowMs: number,
  now = Date.now(),
): Promise<Take> {
  return db.transaction().execute(async (trx) => {
    await lockInTransaction(trx, `rate:${key}`);
    await trx
      .deleteFrom("rate_counts")
      .where("key", "=", key)
      .where("at", "<=", now - windowMs)
      .execute();
    const hits = await trx
      .selectFrom("rate_counts")
      .select(["at", "count"])
      .where("key", "=", key)
      .orderBy("at")
      .execute();
    let total = hits.reduce((n, h) => n + Number(h.count), 0);
    if (total < limit) {
      await trx
        .insertInto("rate_counts")
        .values({ key, at: now, count: 1 })
        .onConflict((oc) => oc.columns(["key", "at"]).doUpdateSet((eb) => ({ count: eb("rate_counts.count", "+", 1) })))
        .execute();
      return { allowed: true, retryAfterMs: 0 };
    }
    // The next hit is allowed once enough of the oldest have left the window.
    for (const hit of hits) {
      total -= Number(hit.count);
      if (total < limit) return { allowed: false, retryAfterMs: Math.max(1, Number(hit.at) + windowMs - now) };
    }
    return { allowed: false, retryAfterMs: windowMs };
  });
}

/** Forgets the hits of every key starting with `prefix` that no longer count. */
export async function pruneShared(db: Store, prefix: string, windowMs: number, now = Date.now()): Promise<void> {
  await db
    .deleteFrom("rate_counts")
    .where("key", "like", `${prefix}%`)
    .where("at", "<=", now - windowMs)
    .execute();
}
