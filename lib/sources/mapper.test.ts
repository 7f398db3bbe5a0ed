import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openStore, type Store } from "@/lib/store";
import type { EventRow } from "./events";
import { appendEvent } from "./events";
import { BUSY_RATE, MAP_BATCH, MAP_BATCH_BUSY, Mapper, RateMeter } from "./mapper";

// The mapper's pace: small batches while deliveries stream in, full ones once they stop.

const batches: number[] = [];
vi.mock("./map-batch", async (original) => {
  const actual = await original<typeof import("./map-batch")>();
  return {
    ...actual,
    mapBatch: (db: Store, rows: EventRow[]) => {
      batches.push(rows.length);
      return actual.mapBatch(db, rows);
    },
  };
});

const SCOPE = { org: "acme", project: "web" };
const ping = (i: number) => ({
  scope: SCOPE,
  source: "github",
  headers: { "x-github-event": "ping", "x-github-delivery": `d-${i}` },
  body: new TextEncoder().encode(JSON.stringify({ zen: "Keep it logically awesome.", hook_id: i })),
  receivedAt: Date.now(),
});

describe("RateMeter", () => {
  it("counts what came in the last second, and forgets what is older", () => {
    const m = new RateMeter();
    for (let t = 0; t < 1000; t += 40) m.add(10_000 + t);
    expect(m.perSecond(10_999)).toBe(25);
    expect(m.perSecond(11_450)).toBe(12); // the slots from 10,400 on
    expect(m.perSecond(12_100)).toBe(0);
    m.add(12_100);
    expect(m.perSecond(12_100)).toBe(1);
  });
});

describe("Mapper's pace", () => {
  let db: Store;
  let mapper: Mapper;
  beforeEach(async () => {
    db = await openStore(":memory:");
    mapper = new Mapper(db);
    batches.length = 0;
  });
  afterEach(async () => {
    await mapper.stop();
    await db.destroy();
  });

  it(`maps in batches of ${MAP_BATCH_BUSY} while more than ${BUSY_RATE} deliveries a second come in`, async () => {
    await mapper.stop();
    mapper = new Mapper(db, MAP_BATCH, 0);
    const burst = Array.from({ length: 3 * BUSY_RATE }, (_, i) => mapper.admit(ping(i)));
    for (const admission of await Promise.all(burst)) expect(admission.ok).toBe(true);
    await mapper.idle();
    expect(batches.reduce((a, b) => a + b, 0)).toBe(3 * BUSY_RATE);
    expect(Math.max(...batches)).toBe(MAP_BATCH_BUSY);
  });

  it("holds the mapping while deliveries stream in, then maps them once the stream has slowed", async () => {
    await mapper.stop();
    mapper = new Mapper(db, MAP_BATCH, 60_000);
    const burst = Array.from({ length: 3 * BUSY_RATE }, (_, i) => mapper.admit(ping(i)));
    for (const admission of await Promise.all(burst)) expect(admission.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(batches).toEqual([]);
    // The stream stopped: a second later the rate meter reads quiet and the held events are mapped.
    await vi.waitFor(() => expect(batches.reduce((a, b) => a + b, 0)).toBe(3 * BUSY_RATE), { timeout: 3000 });
    expect(Math.max(...batches)).toBe(MAP_BATCH);
  });

  it("appends deliveries that arrive together in one transaction, a repeated delivery id among them a duplicate", async () => {
    const commits = vi.spyOn(db, "connection");
    const arrivals = [ping(1), ping(2), ping(1), ping(3)];
    const admissions = await Promise.all(arrivals.map((a) => mapper.admit(a)));
    expect(admissions.map((a) => a.ok && a.id !== null)).toEqual([true, true, false, true]);
    expect(admissions.map((a) => a.ok && a.deliveryId)).toEqual(["d-1", "d-2", "d-1", "d-3"]);
    expect(commits).toHaveBeenCalledTimes(1);
    const stored = await db.selectFrom("source_events").select("delivery_id").orderBy("id").execute();
    expect(stored.map((r) => r.delivery_id)).toEqual(["d-1", "d-2", "d-3"]);
  });

  it("answers each delivery of a group on its own: a bad body is refused, its neighbours are written", async () => {
    const bad = { ...ping(9), body: new TextEncoder().encode("{not json") };
    const [a, b, c] = await Promise.all([ping(7), bad, ping(8)].map((x) => mapper.admit(x)));
    expect(a).toMatchObject({ ok: true, deliveryId: "d-7" });
    expect(b).toMatchObject({ ok: false, field: "body" });
    expect(c).toMatchObject({ ok: true, deliveryId: "d-8" });
  });

  it(`maps what is pending in batches of ${MAP_BATCH} when deliveries are few`, async () => {
    for (let i = 0; i < MAP_BATCH + 10; i++)
      await appendEvent(db, {
        scope: SCOPE,
        source: "github",
        deliveryId: `imported-${i}`,
        type: "ping",
        receivedAt: Date.now(),
        body: "{}",
        signature: "imported",
      });
    mapper.kick();
    await mapper.idle();
    expect(batches).toEqual([MAP_BATCH, 10]);
  });
});
