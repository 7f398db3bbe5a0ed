import "server-only";
import { writeTransaction, type Store } from "@/lib/store";
import type { Scope } from "./scope";

// The event log: every accepted delivery (and every item an importer brought), raw and whole,
// before anything else is done with it. A delivery id seen before changes nothing.

export type EventStatus = "pending" | "mapped" | "unmapped" | "ignored" | "failed";

export interface NewEvent {
  scope: Scope;
  source: string;
  deliveryId: string;
  type: string;
  receivedAt: number;
  body: string;
  /** `verified` for a webhook whose signature matched, `imported` for an importer's item. */
  signature: "verified" | "imported";
}

export interface EventRow {
  id: number;
  org_id: string;
  project_id: string;
  source: string;
  delivery_id: string;
  event_type: string;
  received_at: number;
  body: string;
  status: string;
}

/** Appends one event; `null` when its delivery id is already in the log (nothing changed). */
export async function appendEvent(db: Store, event: NewEvent): Promise<number | null> {
  const row = await db
    .insertInto("source_events")
    .values(toRow(event))
    .onConflict((oc) => oc.columns(["org_id", "project_id", "source", "delivery_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Appends events one by one in one transaction (webhook deliveries that arrived together): each
 * one's id, or `null` for a delivery id already in the log, an earlier one of these included. One
 * commit for the group instead of one each: a burst's deliveries wait for fewer of them.
 */
export async function appendEach(db: Store, events: readonly NewEvent[]): Promise<(number | null)[]> {
  return writeTransaction(
    db,
    async (trx) => {
      const ids: (number | null)[] = [];
      for (const event of events) ids.push(await appendEvent(trx, event));
      return ids;
    },
    { acrossInstances: false },
  );
}

/** Appends many (an importer's page) in one transaction; returns how many were new. */
export async function appendEvents(db: Store, events: NewEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    let added = 0;
    for (let i = 0; i < events.length; i += 200) {
      const rows = await trx
        .insertInto("source_events")
        .values(events.slice(i, i + 200).map(toRow))
        .onConflict((oc) => oc.columns(["org_id", "project_id", "source", "delivery_id"]).doNothing())
        .returning("id")
        .execute();
      added += rows.length;
    }
    return added;
  });
}

const toRow = (e: NewEvent) => ({
  org_id: e.scope.org,
  project_id: e.scope.project,
  source: e.source,
  delivery_id: e.deliveryId,
  event_type: e.type,
  received_at: e.receivedAt,
  body: e.body,
  signature: e.signature,
});

const COLUMNS = [
  "id",
  "org_id",
  "project_id",
  "source",
  "delivery_id",
  "event_type",
  "received_at",
  "body",
  "status",
] as const;

export async function pendingEvents(db: Store, limit: number): Promise<EventRow[]> {
  return (await db
    .selectFrom("source_events")
    .select(COLUMNS)
    .where("status", "=", "pending")
    .orderBy("id")
    .limit(limit)
    .execute()) as EventRow[];
}

export interface EventFilter {
  scope?: Scope;
  source?: string;
  /** Events received at or after this instant (epoch ms). */
  since?: number;
}

/** The events a replay re-maps, in the order they were received, a page at a time. */
export async function eventsAfter(db: Store, filter: EventFilter, afterId: number, limit: number): Promise<EventRow[]> {
  let q = db.selectFrom("source_events").select(COLUMNS).where("id", ">", afterId);
  if (filter.scope) q = q.where("org_id", "=", filter.scope.org).where("project_id", "=", filter.scope.project);
  if (filter.source) q = q.where("source", "=", filter.source);
  if (filter.since !== undefined) q = q.where("received_at", ">=", filter.since);
  return (await q.orderBy("id").limit(limit).execute()) as EventRow[];
}
