// The engine's writes run on a thread of their own (lib/engine/writer), so a batch, however long
// it waits for the store, never holds up other requests; and the server holds at most 8 batches.
import fs from "node:fs";
import Database from "better-sqlite3";
import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as ingestRoute from "@/app/v2/ingest/[kind]/route";
import { WRITER_NICE } from "@/lib/engine/thread-priority";
import { MAX_BATCHES, StoreWriter, writerOf } from "@/lib/engine/writer";
import { CHECKPOINT_EVERY_MS } from "@/lib/engine/writer/protocol";
import pg from "pg";
import { storeFile, WRITE_LOCK } from "@/lib/store/db";
import { isPostgres } from "@/lib/store/dialect";
import { testDialect } from "@/lib/store/testing/test-store";
import { api, AUTH, exportBody, ingestOk, json, ORG, PROJECT, setupEngine, type ErrorBody } from "./helpers";

const runtime = setupEngine({ jobs: false });

const team = (id: string) => ({ id, name: `Team ${id}`, orgTree: "Eng" });

/** Holds the store's write lock from another connection, as a long transaction would. */
async function holdWriteLock(): Promise<() => void> {
  const { db } = await runtime();
  if (isPostgres(db)) {
    const other = new pg.Client({ connectionString: storeFile(db)! });
    await other.connect();
    await other.query("BEGIN");
    await other.query("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK]);
    return () => void other.query("COMMIT").finally(() => other.end());
  }
  const other = new Database(storeFile(db)!);
  other.exec("begin immediate");
  return () => {
    other.exec("commit");
    other.close();
  };
}

/** Settles-in-order log of promises. */
function tracker() {
  const order: string[] = [];
  const track = <T>(name: string, p: Promise<T>) =>
    p.then((v) => {
      order.push(name);
      return v;
    });
  return { order, track };
}

beforeAll(async () => {
  await ingestOk("teams", [team("pay")]);
});

let release: (() => void) | null = null;
afterEach(() => {
  release?.();
  release = null;
});

describe("the store writer", () => {
  it("a batch waiting for the store's lock holds up no other request: a poll is answered meanwhile", async () => {
    release = await holdWriteLock();
    const { order, track } = tracker();
    const batch = track("batch", api.ingest("teams", { items: [team("w1")] }));
    const poll = await track("poll", api.poll("exp_0000000000"));
    expect(poll.status).toBe(404);
    expect(order).toEqual(["poll"]);
    release();
    release = null;
    const res = await batch;
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ received: 1, created: 1, updated: 0 });
  });

  it("an export create goes before the batches waiting behind the one being written", async () => {
    const { db } = await runtime();
    const writer = writerOf({ db });
    release = await holdWriteLock();
    const { order, track } = tracker();
    const first = track("batch 1", api.ingest("teams", { items: [team("o1")] }));
    await vi.waitFor(() => expect(writer.waiting).toBe(1), { timeout: 10_000 });
    const second = track("batch 2", api.ingest("teams", { items: [team("o2")] }));
    const create = track("create", api.createExport(exportBody("pay")));
    await vi.waitFor(() => expect(writer.waiting).toBe(3), { timeout: 10_000 });
    release();
    release = null;
    expect((await first).status).toBe(200);
    expect((await create).status).toBe(202);
    expect((await second).status).toBe(200);
    expect(order).toEqual(["batch 1", "create", "batch 2"]);
  });

  it("batches that waited behind another are read meanwhile, and each is written all or nothing, with its own answer", async () => {
    const { db } = await runtime();
    const writer = writerOf({ db });
    release = await holdWriteLock();
    const first = api.ingest("teams", { items: [team("g1")] });
    await vi.waitFor(() => expect(writer.waiting).toBe(1), { timeout: 10_000 });
    const waiting = [
      api.ingest("teams", { items: [team("g2")] }),
      api.ingest("teams", { items: [team("g3"), { ...team("g4"), parentId: "no-such-team" }] }),
      api.ingest("teams", { items: [team("g2"), team("g5")] }),
      api.ingest("teams", "not a body"),
    ];
    await vi.waitFor(() => expect(writer.waiting).toBe(5), { timeout: 10_000 });
    release();
    release = null;
    expect((await first).status).toBe(200);
    const [second, refused, third, malformed] = await Promise.all(waiting);
    expect(await json(second!)).toEqual({ received: 1, created: 1, updated: 0 });
    expect(refused!.status).toBe(400);
    expect(await json(third!)).toEqual({ received: 2, created: 1, updated: 1 });
    expect(malformed!.status).toBe(400);
    const stored = await db.selectFrom("teams").select("id").where("id", "like", "g%").orderBy("id").execute();
    expect(stored.map((r) => r.id)).toEqual(["g1", "g2", "g5"]);
  });

  it("a writer thread with nothing to write ends, giving its memory back, and the next write starts another", async () => {
    const { db } = await runtime();
    const writer = new StoreWriter(db, storeFile(db), 50);
    const body = (id: string) => new TextEncoder().encode(JSON.stringify({ items: [team(id)] }));
    expect(await writer.ingest({ org: ORG, project: PROJECT }, "teams", body("idle-1"))).toEqual({
      received: 1,
      created: 1,
      updated: 0,
    });
    expect(writer.running).toBe(true);
    await vi.waitFor(() => expect(writer.running).toBe(false));
    expect(await writer.ingest({ org: ORG, project: PROJECT }, "teams", body("idle-2"))).toEqual({
      received: 1,
      created: 1,
      updated: 0,
    });
    await writer.stop();
  });

  it("a writer that was stopped is replaced by the next write", async () => {
    const { db } = await runtime();
    await writerOf({ db }).stop();
    expect((await api.ingest("teams", { items: [team("after-stop")] })).status).toBe(200);
    expect((await api.remove("teams", "after-stop")).status).toBe(200);
  });
});

describe("the store writer's checkpointer (SQLite)", () => {
  it.runIf(testDialect() === "sqlite")(
    "copies a write into the database file soon after it, from a thread of its own",
    async () => {
      const { db } = await runtime();
      const file = storeFile(db)!;
      const before = fs.statSync(file).size;
      // A batch whose pages the WAL holds: far below any connection's own checkpoint (10,000 pages).
      const items = Array.from({ length: 2000 }, (_, i) => ({
        id: `copied-${i}`,
        teamId: "pay",
        createdAt: "2026-02-01T00:00:00Z",
      }));
      await ingestOk("work-items", items);
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
      await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(before), {
        timeout: CHECKPOINT_EVERY_MS + 5_000,
        interval: 100,
      });
    },
  );
});

describe("the store writer's priority", () => {
  const nice = (stat: string) => Number(fs.readFileSync(stat, "utf8").split(") ")[1]!.split(" ")[16]);

  it.skipIf(!fs.existsSync("/proc/thread-self"))(
    `runs ${WRITER_NICE} nice steps below the request thread, so requests come first on a busy machine; its reader and checkpointer too, not further below`,
    async () => {
      const { db } = await runtime();
      await ingestOk("teams", [team("nice")]);
      const main = nice(`/proc/${process.pid}/stat`);
      const writer = Math.min(19, main + WRITER_NICE);
      const threads = () =>
        fs.readdirSync(`/proc/${process.pid}/task`).flatMap((tid) => {
          try {
            return [nice(`/proc/${process.pid}/task/${tid}/stat`)];
          } catch {
            return []; // the thread ended meanwhile
          }
        });
      // The writer, its reader and (SQLite) its checkpointer, each started by the writer's thread.
      await vi.waitFor(
        () => expect(threads().filter((n) => n === writer).length).toBeGreaterThanOrEqual(isPostgres(db) ? 2 : 3),
        {
          timeout: 5_000,
        },
      );
      expect(Math.max(...threads())).toBe(writer);
    },
  );
});

describe("POST /v2/ingest/{kind} – the bound on batches", () => {
  /** A batch whose body arrives only when `send` is called. */
  function slowBatch(items: unknown[]) {
    let send: () => void = () => {};
    const ready = new Promise<void>((r) => (send = r));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        await ready;
        controller.enqueue(new TextEncoder().encode(JSON.stringify({ items })));
        controller.close();
      },
    });
    const url = `http://localhost:3000/v2/ingest/teams?orgIdentifier=${ORG}&projectIdentifier=${PROJECT}`;
    const init = { method: "POST", headers: { authorization: AUTH }, body, duplex: "half" };
    const req = new NextRequest(url, init as unknown as ConstructorParameters<typeof NextRequest>[1]);
    return { res: ingestRoute.POST(req, { params: Promise.resolve({ kind: "teams" }) }), send };
  }

  it(`with ${MAX_BATCHES} batches held, one more → 429 RATE_LIMITED with Retry-After; once one is written, batches are taken again`, async () => {
    const { db } = await runtime();
    const held = Array.from({ length: MAX_BATCHES }, (_, i) => slowBatch([team(`held-${i}`)]));
    await vi.waitFor(() => expect(writerOf({ db }).admission.inUse).toBe(MAX_BATCHES));

    const refused = await api.ingest("teams", { items: [team("one-more")] });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const body = await json<ErrorBody>(refused);
    expect(body.code).toBe("RATE_LIMITED");
    expect(body.message).toMatch(/retry in \d+ s/);
    expect((await db.selectFrom("teams").select("id").where("id", "=", "one-more").execute()).length).toBe(0);

    held[0]!.send();
    expect((await held[0]!.res).status).toBe(200);
    expect((await api.ingest("teams", { items: [team("one-more")] })).status).toBe(200);
    for (const h of held.slice(1)) h.send();
    expect((await Promise.all(held.slice(1).map((h) => h.res))).map((r) => r.status)).toEqual(
      Array(MAX_BATCHES - 1).fill(200),
    );
    expect(writerOf({ db }).admission.inUse).toBe(0);
  });

  it("a batch refused for its body gives its place back", async () => {
    const { db } = await runtime();
    for (let i = 0; i < MAX_BATCHES + 2; i++) expect((await api.ingest("teams", "{oops")).status).toBe(400);
    expect(writerOf({ db }).admission.inUse).toBe(0);
  });
});
