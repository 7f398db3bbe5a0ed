import "server-only";
import { sql } from "kysely";
import type { Store } from "./db";

// A rate limit kept in the store, for limits that must hold across instances (PostgreSQL: the
// dashboard's export creates, sign-in attempts). It counts
// hits per key in fixed windows and weighs the previous window by how much of it still lies within
// the sliding window, so a burst across a window's edge is not let through twice. The estimate
// assumes the previous window's hits were spread evenly: it errs by at most a few hits either way.

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
  const start = now - (now % windowMs);
  const into = (now - start) / windowMs;
  const prev = await countAt(db, key, start - windowMs);
  const carried = prev * (1 - into);
  // This window may hold `room` hits in all; the update below adds one only while it holds fewer.
  const room = Math.ceil(limit - carried);
  if (room >= 1) {
    const taken = await sql<{ count: number }>`insert into rate_counts (key, window_start, count)
      values (${key}, ${start}, 1)
      on conflict (key, window_start) do update set count = rate_counts.count + 1
      where rate_counts.count < ${room}
      returning count`.execute(db);
    if (taken.rows.length > 0) {
      await db
        .deleteFrom("rate_counts")
        .where("key", "=", key)
        .where("window_start", "<", start - windowMs)
        .execute();
      return { allowed: true, retryAfterMs: 0 };
    }
  }
  const cur = await countAt(db, key, start);
  // The previous window's weight falls until prev·(1 − t) + cur < limit, or the window ends.
  const untilEnd = start + windowMs - now;
  const wait = cur >= limit || prev === 0 ? untilEnd : (1 - (limit - cur) / prev) * windowMs - (now - start);
  return { allowed: false, retryAfterMs: Math.max(1, Math.min(untilEnd, Math.ceil(wait))) };
}

async function countAt(db: Store, key: string, windowStart: number): Promise<number> {
  const row = await db
    .selectFrom("rate_counts")
    .select("count")
    .where("key", "=", key)
    .where("window_start", "=", windowStart)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Forgets windows that no longer count for any key starting with `prefix`. */
export async function pruneShared(db: Store, prefix: string, windowMs: number, now = Date.now()): Promise<void> {
  await db
    .deleteFrom("rate_counts")
    .where("key", "like", `${prefix}%`)
    .where("window_start", "<", now - 2 * windowMs)
    .execute();
}
