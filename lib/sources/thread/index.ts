import "server-only";
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { log } from "@/lib/server";
import { toError, type Admission, type Arrival } from "../arrival";
import type { EventFilter } from "../events";
import type { EventMapper, ReplayOutcome } from "../mapper";
import type { MapperMessage, MapperRequest } from "./protocol";

/** The bundled thread (scripts/build-worker.mjs). */
export function mapperThreadFile(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "dist", "sources-mapper.mjs");
}

type Op = Exclude<MapperRequest, { op: "kick" } | { op: "admit" }>;
type OpBody = Op extends infer T ? (T extends Op ? Omit<T, "id"> : never) : never;
type Waiting = { resolve: (value: unknown) => void; reject: (err: Error) => void; worker: Worker };

/**
 * The server's mapper: a thread of its own (entry.ts) that appends each delivery to the event log and
 * maps the log, on its own store connection. The request thread only checks the delivery and hands it
 * over. Should the thread die, the deliveries it had not yet written answer 500 (nothing half-stored:
 * the log is the truth), and the next call starts a new one, which maps whatever is pending.
 */
export class MapperThread implements EventMapper {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Waiting>();
  private nextId = 1;
  private readonly outbox: { arrival: Arrival; resolve: Waiting["resolve"]; reject: Waiting["reject"] }[] = [];
  private stopped = false;

  constructor(
    private readonly dbFile: string,
    private readonly file = mapperThreadFile(),
  ) {}

  /** Starts the thread now: it maps what the log holds unmapped (a crash right after an answer). */
  start(): this {
    this.thread();
    return this;
  }

  /**
   * The body's bytes move to the thread (transferred, not copied): the caller must not use them after.
   * The deliveries read in one turn of the event loop go over in one message, and their answers come
   * back in one: under a burst, a wake-up of either thread serves several deliveries.
   */
  admit(arrival: Arrival): Promise<Admission> {
    if (this.stopped) return Promise.reject(new Error("the sources' thread is stopped"));
    const { body } = arrival;
    const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body : body.slice();
    return new Promise((resolve, reject) => {
      this.outbox.push({ arrival: { ...arrival, body: own }, resolve: resolve as Waiting["resolve"], reject });
      if (this.outbox.length === 1) setImmediate(() => this.handOver());
    });
  }

  private handOver(): void {
    const admits = this.outbox.splice(0);
    if (admits.length === 0) return;
    let worker: Worker;
    try {
      if (this.stopped) throw new Error("the sources' thread is stopped");
      worker = this.thread();
    } catch (err) {
      for (const { reject } of admits) reject(toError(err));
      return;
    }
    const items = admits.map(({ arrival, resolve, reject }) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject, worker });
      return { id, arrival };
    });
    worker.ref();
    worker.postMessage(
      { op: "admit", items } satisfies MapperRequest,
      items.map(({ arrival }) => arrival.body.buffer as ArrayBuffer),
    );
  }

  kick(): void {
    if (!this.stopped) this.thread().postMessage({ op: "kick" } satisfies MapperRequest);
  }

  idle(): Promise<void> {
    return this.call({ op: "idle" }) as Promise<void>;
  }

  replay(filter: EventFilter): Promise<ReplayOutcome> {
    return this.call({ op: "replay", filter }) as Promise<ReplayOutcome>;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const worker = this.worker;
    if (!worker) return;
    await this.send(worker, { op: "stop" }).catch(() => undefined);
    await worker.terminate();
  }

  private call(op: OpBody, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.stopped) return Promise.reject(new Error("the sources' thread is stopped"));
    return this.send(this.thread(), op, transfer);
  }

  private send(worker: Worker, op: OpBody, transfer: ArrayBuffer[] = []): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker });
      worker.ref();
      worker.postMessage({ ...op, id } as Op, transfer);
    });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    if (!fs.existsSync(/*turbopackIgnore: true*/ this.file))
      throw new Error(`sources thread not built: ${this.file} (run \`npm run build\`)`);
    const worker = new Worker(/*turbopackIgnore: true*/ this.file, {
      workerData: { dbFile: this.dbFile, mapPending: true },
    });
    worker.unref();
    worker.on("message", (message: MapperMessage) => {
      for (const reply of "replies" in message ? message.replies : [message]) {
        const waiting = this.pending.get(reply.id);
        if (!waiting) continue;
        this.pending.delete(reply.id);
        if (reply.ok) waiting.resolve(reply.value);
        else waiting.reject(new Error(reply.message));
      }
      if (this.pending.size === 0) worker.unref();
    });
    worker.on("error", (err) => log.error("sources.thread_error", { error: err.message.slice(0, 300) }));
    worker.on("exit", (code) => {
      if (this.worker === worker) this.worker = null;
      const lost = [...this.pending].filter(([, w]) => w.worker === worker);
      if (lost.length > 0 && !this.stopped) log.error("sources.thread_exited", { code, lost: lost.length });
      for (const [id, { reject }] of lost) {
        this.pending.delete(id);
        reject(new Error(`the sources' thread stopped (exit ${code})`));
      }
    });
    this.worker = worker;
    return worker;
  }
}
