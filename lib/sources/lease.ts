import "server-only";
import crypto from "node:crypto";
import { sql } from "kysely";
import type { Store } from "@/lib/store";

// One mapper at a time per store, across processes: the server's mapper and a replay from the
// command line would otherwise fold the same entity from different snapshots of its facts.
// A lease, renewed while it works, taken over once its holder has not renewed it for LEASE_MS.

export const LEASE_MS = 30_000;
const NAME = "mapper";

export const leaseOwner = (): string => `${process.pid}:${crypto.randomBytes(6).toString("hex")}`;

export async function takeLease(db: Store, owner: string, now = Date.now()): Promise<boolean> {
  const result = await sql`INSERT INTO source_leases (name, owner, until) VALUES (${NAME}, ${owner}, ${now + LEASE_MS})
    ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
    WHERE source_leases.owner = excluded.owner OR source_leases.until < ${now}`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

export async function releaseLease(db: Store, owner: string): Promise<void> {
  await db.deleteFrom("source_leases").where("name", "=", NAME).where("owner", "=", owner).execute();
}
