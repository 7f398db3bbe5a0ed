// The store writer's reader: a thread that decodes, parses, checks the shape of and prepares each
// batch (readBatch: its rows encoded as one text) while the writer writes the one before, so the
// writer's own time goes to the store.
// Its readings come back in the order the batches came. Should the thread fail, the writer reads the
// batches itself, as it did before there was a reader.
import { parentPort, Worker } from "node:worker_threads";
import type { IngestKind } from "../ingest";
import { lowerThreadPriority, WRITER_NICE } from "../thread-priority";
import { readBatch } from "./ops";
import type { ReadBatch } from "./protocol";

interface ReadRequest {
  id: number;
  kind: IngestKind;
  body: Uint8Array;
}

interface ReadReply {
  id: number;
  /** Null when reading threw: the writer then reads the batch itself and reports what it throws. */
  read: ReadBatch | null;
}

/** The reader thread's loop (the writer's bundle started again with `role: "reader"`). */
export function readerThread(): void {
  lowerThreadPriority(WRITER_NICE);
  parentPort!.on("message", ({ id, kind, body }: ReadRequest) => {
    let read: ReadBatch | null = null;
    try {
      read = readBatch(kind, body);
    } catch {
      read = null;
    }
    parentPort!.postMessage({ id, read } satisfies ReadReply);
  });
}

/** The writer's side: starts the reader thread and hands it the batches. */
export class BatchReader {
  private worker: Worker | null;
  private readonly pending = new Map<number, (read: ReadBatch | null) => void>();
  private nextId = 1;

  constructor(file: string) {
    const worker = new Worker(file, { workerData: { role: "reader" } });
    worker.unref();
    worker.on("message", ({ id, read }: ReadReply) => {
      this.pending.get(id)?.(read);
      this.pending.delete(id);
    });
    const fail = () => {
      this.worker = null;
      for (const resolve of this.pending.values()) resolve(null);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", fail);
    this.worker = worker;
  }

  /** The batch read by the reader thread; null when the writer must read it itself. */
  read(kind: IngestKind, body: Uint8Array): Promise<ReadBatch | null> {
    const worker = this.worker;
    if (!worker) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      // A copy: the writer keeps the bytes, to read them itself should the reader fail.
      worker.postMessage({ id, kind, body } satisfies ReadRequest);
    });
  }
}
