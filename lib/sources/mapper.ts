import "server-only";
import { log } from "@/lib/server";
import type { Store } from "@/lib/store";
import { admitAll, toError, type Admission, type Arrival } from "./arrival";
import { eventsAfter, pendingEvents, type EventFilter, type EventStatus } from "./events";
import { leaseOwner, releaseLease, takeLease } from "./lease";
import { mapBatch, type BatchOutcome } from "./map-batch";

/** Events mapped per batch: small enough that no step of a batch holds the event loop for long. */
export const MAP_BATCH = 50;
/**
 * How long a kick waits before mapping, so a burst's deliveries are mapped together: a batch of 50
 * costs a tenth per event of 50 batches of one (most of a batch's work is per entity and per query).
 */
export const KICK_DELAY_MS = 25;
/**
 * While deliveries stream in (more than BUSY_RATE a second), the mapping waits, for up to
 * BUSY_HOLD_MS: the two cores go to answering, and the appends never wait for a mapping step. A
 * stream that goes on longer is then mapped in batches of MAP_BATCH_BUSY, a pause apart, so a
 * delivery's write waits for at most one small step (a batch of 50 held it for up to ~90 ms). What
 * is left is mapped in full batches once the stream slows.
 */
export const MAP_BATCH_BUSY = 5;
export const BUSY_HOLD_MS = 10_000;
export const BUSY_RATE = 20;
/** Deliveries written in one transaction at most. */
export const APPEND_GROUP = 64;
const BUSY_PAUSE_MS = 20;

export interface ReplayOutcome {
  events: number;
  byStatus: Record<EventStatus, number>;
  written: number;
  removed: number;
}

/**
 * What takes a webhook's delivery into the log and maps the log: the Mapper itself in a CLI or a
 * test, or the sources' thread (thread.ts) in the server, so neither the appends' write lock nor
 * the mapping's work is ever the request thread's.
 */
export interface EventMapper {
  /** Checks a verified delivery, writes it to the log and maps it soon (arrival.ts). */
  admit(arrival: Arrival): Promise<Admission>;
  kick(): void;
  idle(): Promise<void>;
  replay(filter: EventFilter): Promise<ReplayOutcome>;
  stop(): Promise<void>;
}

/**
 * Maps the event log's pending events, one batch at a time, after the deliveries were answered;
 * kicked by each new delivery and once at start, so events stored just before a crash are mapped
 * when the server comes back. Replays run through it too, so nothing maps the same entity twice at once.
 */
export class Mapper implements EventMapper {
  private chain: Promise<unknown> = Promise.resolve();
  private draining: Promise<void> | null = null;
  private again = false;
  private retry: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly arrivals = new RateMeter();
  private readonly admitting: { arrival: Arrival; resolve: (a: Admission) => void; reject: (e: Error) => void }[] = [];
  private appending = false;
  readonly owner = leaseOwner();

  constructor(
    private readonly db: Store,
    private readonly batch = MAP_BATCH,
    private readonly holdMs = BUSY_HOLD_MS,
  ) {}

  /**
   * Deliveries that arrive while others are being written wait and are written together, in one
   * transaction (arrival.ts): under a burst, each answer then waits for one commit of a group
   * instead of a commit for every delivery ahead of it.
   */
  admit(arrival: Arrival): Promise<Admission> {
    this.arrivals.add(Date.now());
    return new Promise((resolve, reject) => {
      this.admitting.push({ arrival, resolve, reject });
      if (this.admitting.length === 1 && !this.appending) setImmediate(() => void this.append());
    });
  }

  private async append(): Promise<void> {
    this.appending = true;
    try {
      while (this.admitting.length > 0) {
        const group = this.admitting.splice(0, APPEND_GROUP);
        const results = await admitAll(
          this.db,
          group.map((g) => g.arrival),
        ).catch((err: unknown) => group.map(() => toError(err)));
        group.forEach(({ resolve, reject }, i) => {
          const result = results[i]!;
          if (result instanceof Error) reject(result);
          else resolve(result);
        });
        if (results.some((r) => !(r instanceof Error) && r.ok && r.id !== null)) this.kick();
      }
    } finally {
      this.appending = false;
    }
  }

  /** Maps whatever is pending, soon; cheap to call for every delivery. */
  kick(): void {
    if (this.stopped || this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      this.start();
    }, KICK_DELAY_MS);
  }

  private start(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.exclusive(() => this.drain())
      .catch((err: unknown) => {
        log.error("sources.mapper_failed", { error: err instanceof Error ? err.message.slice(0, 300) : String(err) });
        this.later();
      })
      .finally(() => {
        this.draining = null;
        if (this.again) {
          this.again = false;
          this.start();
        }
      });
  }

  /** Resolves once nothing is pending (for tests, the bench and the CLI). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.draining) await this.draining;
      else if (this.again || this.soon) {
        if (this.soon) clearTimeout(this.soon);
        this.soon = null;
        this.start();
      } else if ((await pendingEvents(this.db, 1)).length > 0) this.start();
      else return;
    }
  }

  /** Re-maps the stored events that match, with the current mapping (spec: Replay). */
  replay(filter: EventFilter): Promise<ReplayOutcome> {
    return this.exclusive(async () => {
      const total: ReplayOutcome = {
        events: 0,
        byStatus: { pending: 0, mapped: 0, unmapped: 0, ignored: 0, failed: 0 },
        written: 0,
        removed: 0,
      };
      let after = 0;
      for (;;) {
        const rows = await eventsAfter(this.db, filter, after, this.batch);
        if (rows.length === 0) break;
        add(total, await mapBatch(this.db, rows));
        after = rows[rows.length - 1]!.id;
        await this.renew();
        await yieldToRequests();
      }
      log.info("sources.replayed", { events: total.events, written: total.written, removed: total.removed });
      return total;
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.soon) clearTimeout(this.soon);
    await this.draining?.catch(() => undefined);
    await releaseLease(this.db, this.owner).catch(() => undefined);
  }

  private async drain(): Promise<void> {
    let mapped = 0;
    let heldSince: number | null = null;
    for (;;) {
      const now = Date.now();
      const busy = this.arrivals.perSecond(now) > BUSY_RATE;
      heldSince = busy ? (heldSince ?? now) : null;
      if (heldSince !== null && now - heldSince < this.holdMs) {
        await new Promise((r) => setTimeout(r, BUSY_PAUSE_MS));
        continue;
      }
      const rows = await pendingEvents(this.db, busy ? Math.min(MAP_BATCH_BUSY, this.batch) : this.batch);
      if (rows.length === 0) break;
      await mapBatch(this.db, rows);
      mapped += rows.length;
      await this.renew();
      if (busy) await new Promise((r) => setTimeout(r, BUSY_PAUSE_MS));
      else await yieldToRequests();
    }
    if (mapped > 0) log.info("sources.mapped", { events: mapped });
  }

  /** Runs `fn` alone in this process and, through the store's lease, alone among processes. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(async () => {
      await this.acquire();
      try {
        return await fn();
      } finally {
        await releaseLease(this.db, this.owner).catch(() => undefined);
      }
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async acquire(): Promise<void> {
    const until = Date.now() + 120_000;
    while (!(await takeLease(this.db, this.owner))) {
      if (Date.now() > until) throw new Error("another process has been mapping sources' events for two minutes");
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  private async renew(): Promise<void> {
    if (!(await takeLease(this.db, this.owner))) await this.acquire();
  }

  private later(): void {
    if (this.retry || this.stopped) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.kick();
    }, 5000);
    this.retry.unref();
  }
}

function add(total: ReplayOutcome, part: BatchOutcome): void {
  total.events += part.events;
  for (const [k, v] of Object.entries(part.byStatus)) total.byStatus[k as EventStatus] += v;
  total.written += part.written;
  total.removed += part.removed;
}

/** Events counted over the last second, in ten slots of 100 ms. */
export class RateMeter {
  private readonly slots = new Array<number>(10).fill(0);
  private slotAt = 0;

  add(now: number): void {
    this.roll(now);
    this.slots[this.slotAt % 10]!++;
  }

  perSecond(now: number): number {
    this.roll(now);
    return this.slots.reduce((a, b) => a + b, 0);
  }

  private roll(now: number): void {
    const slot = Math.floor(now / 100);
    if (slot - this.slotAt >= 10) this.slots.fill(0);
    else for (let s = this.slotAt + 1; s <= slot; s++) this.slots[s % 10] = 0;
    this.slotAt = Math.max(this.slotAt, slot);
  }
}

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));
