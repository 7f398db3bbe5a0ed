import "server-only";
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { NextRequest } from "next/server";
import type { ExportParams } from "@/lib/dora";
import { readBodyBytes, ApiError, invalid, log } from "@/lib/server";
import { storeFile, type Store } from "@/lib/store";
import type { Engine } from "../engine";
import { TeamInUseError, type IngestKind, type Scope } from "../ingest";
import { Admission } from "./admission";
import { runOp } from "./ops";
import type { Ingested, OpError, OpOutcome, OpValue, Reply, WriterOp } from "./protocol";

/** Batches the server holds at once (being read, waiting or being written); one more is a 429. */
export const MAX_BATCHES = 8;
/** The largest ingestion body (spec §3's 5,000 items, with room to spare). */
export const MAX_BATCH_BYTES = 32 * 1024 * 1024;

/**
 * A writer thread with nothing to write for this long ends; the next write starts another. Its heap
 * (grown by the batches it parsed) and its page cache (up to 256 MiB) are then given back.
 */
export const WRITER_IDLE_MS = 30_000;

/** The bundled writer (scripts/build-worker.mjs). */
export function writerFile(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "dist", "store-writer.mjs");
}

/**
 * The engine's writes, made by one thread of their own (writer-entry.ts) so that the request thread
 * never parses a batch nor waits for the store's write lock. A store in memory has no file another
 * thread could open: its writes run on the request thread, through the same code.
 */
export class StoreWriter {
  readonly admission = new Admission(MAX_BATCHES);
  private worker: Worker | null = null;
  private readonly pending = new Map<
    number,
    { resolve: (outcome: OpOutcome) => void; batch: boolean; worker: Worker }
  >();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Store,
    private readonly dbFile: string | null,
    private readonly idleMs = WRITER_IDLE_MS,
  ) {}

  /** Whether a writer thread runs now. */
  get running(): boolean {
    return this.worker !== null;
  }

  ingest(scope: Scope, kind: IngestKind, body: Uint8Array): Promise<Ingested> {
    return this.run({ op: "ingest", scope, kind, body });
  }

  remove(scope: Scope, kind: IngestKind, id: string): Promise<boolean> {
    return this.run({ op: "delete", scope, kind, id });
  }

  createJob(scope: Scope, params: ExportParams, paramsKey: string): Promise<OpValue["createJob"]> {
    return this.run({ op: "createJob", scope, params, paramsKey });
  }

  /** Derives the project's deployment facts unless current; between batches, so of one data version. */
  refreshFacts(scope: Scope): Promise<number> {
    return this.run({ op: "refreshFacts", scope });
  }

  /** Operations sent to the thread and not yet answered. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Starts the thread ahead of the first write, so that write does not wait for it. */
  warm(): void {
    if (this.dbFile) {
      this.thread();
      this.retireWhenIdle();
    }
  }

  async stop(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private async run<K extends WriterOp["op"]>(op: Extract<WriterOp, { op: K }>): Promise<OpValue[K]> {
    const outcome = this.dbFile ? await this.send(op) : await runOp(this.db, op);
    if (outcome.ok) return outcome.value as OpValue[K];
    throw toError(outcome.error);
  }

  private send(op: WriterOp): Promise<OpOutcome> {
    const worker = this.thread();
    const id = this.nextId++;
    let transfer: ArrayBuffer[] = [];
    if (op.op === "ingest") {
      // The body's bytes move to the writer without a copy, unless they share a buffer with others.
      const own = op.body.byteOffset === 0 && op.body.byteLength === op.body.buffer.byteLength;
      const body = own ? op.body : op.body.slice();
      op = { ...op, body };
      transfer = [body.buffer as ArrayBuffer];
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, batch: op.op === "ingest", worker });
      worker.ref();
      worker.postMessage({ id, op }, transfer);
    });
  }

  private retireWhenIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.pending.size === 0) void this.stop();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const file = writerFile();
    if (!fs.existsSync(/*turbopackIgnore: true*/ file))
      throw new Error(`store writer not built: ${file} (run \`npm run build\`)`);
    const worker = new Worker(/*turbopackIgnore: true*/ file, { workerData: { dbFile: this.dbFile } });
    worker.unref();
    worker.on("message", (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) {
        worker.unref();
        this.retireWhenIdle();
      }
      if (waiting?.batch) this.admission.observe(reply.ms);
      waiting?.resolve(reply.outcome);
    });
    worker.on("error", (err) => log.error("engine.writer_error", { error: err.message }));
    worker.on("exit", (code) => {
      if (this.worker === worker) this.worker = null;
      // What it was writing was rolled back: those requests answer 500, and the next write starts a new thread.
      const lost = [...this.pending].filter(([, p]) => p.worker === worker);
      if (lost.length > 0) log.error("engine.writer_exited", { code, lost: lost.length });
      for (const [id, { resolve }] of lost) {
        this.pending.delete(id);
        resolve({
          ok: false,
          error: { kind: "internal", name: "Error", message: `the store writer stopped (exit ${code})` },
        });
      }
    });
    this.worker = worker;
    return worker;
  }
}

function toError(error: OpError): Error {
  switch (error.kind) {
    case "invalid":
      return invalid(error.message, error.details);
    case "team_in_use":
      return new TeamInUseError(error.teamId, error.usedBy);
    case "internal":
      return Object.assign(new Error(error.message), { name: error.name });
  }
}

// One writer per store, kept on globalThis like the runtime, so a reload of this module in
// development does not start a second thread.
type Holder = { fourfoldWriters?: WeakMap<Store, StoreWriter> };
const holder = globalThis as unknown as Holder;

export function writerOf(engine: Pick<Engine, "db">): StoreWriter {
  const writers = (holder.fourfoldWriters ??= new WeakMap());
  let writer = writers.get(engine.db);
  if (!writer) {
    writer = new StoreWriter(engine.db, storeFile(engine.db));
    writers.set(engine.db, writer);
  }
  return writer;
}

/**
 * POST /v2/ingest/{kind}: takes a place among the batches the server holds (429 when none is free),
 * reads the body as bytes (413 past 32 MiB) and hands them to the writer.
 */
export async function ingestRequest(
  engine: Engine,
  scope: Scope,
  kind: IngestKind,
  req: NextRequest,
): Promise<Ingested> {
  const writer = writerOf(engine);
  const leave = writer.admission.enter();
  if (!leave) {
    const seconds = writer.admission.retryAfterSeconds();
    throw new ApiError(
      "RATE_LIMITED",
      `${MAX_BATCHES} batches are already waiting to be written; retry in ${seconds} s.`,
      undefined,
      {
        "Retry-After": String(seconds),
      },
    );
  }
  try {
    return await writer.ingest(scope, kind, await readBodyBytes(req, MAX_BATCH_BYTES));
  } finally {
    leave();
  }
}
