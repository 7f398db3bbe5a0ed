import "server-only";
import { sql } from "kysely";
import { serverEnv } from "@/lib/server";
import { getRuntime } from "./runtime";

/** How long /api/health waits for the store before calling it unreachable. */
const PING_MS = 3000;

export interface StoreHealth {
  store: "sqlite" | "postgres";
  reachable: boolean;
}

/** Which store this process uses, and whether it answers a query now (a runtime that failed to start does not). */
export async function storeHealth(): Promise<StoreHealth> {
  const store = serverEnv().FOURFOLD_DATABASE_URL ? "postgres" : "sqlite";
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_MS);
  });
  // Twice: after the database restarted, the first query may meet a connection it closed while idle.
  const ping = getRuntime()
    .then(({ db }) => sql`SELECT 1`.execute(db).catch(() => sql`SELECT 1`.execute(db)))
    .then(
      () => true,
      () => false,
    );
  try {
    return { store, reachable: await Promise.race([ping, timeout]) };
  } finally {
    clearTimeout(timer);
  }
}
