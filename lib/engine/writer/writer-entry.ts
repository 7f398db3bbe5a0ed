// The store writer: a thread with its own store connection that runs every write of the engine's
// API (ingestion batches, deletions, export creations), one at a time. Small operations go before
// waiting batches, so an export create waits for at most the batch being written; the batches read
// behind that one share its transaction, each all or nothing (writeGroup). A reader thread
// of its own decodes, checks and prepares each batch while the one before is written (reader.ts),
// and on SQLite a checkpointer thread copies the WAL into the database file (checkpointer.ts). Once the
// writes stop for a moment, it derives the deployment facts of the projects they changed, so the
// records behind the figures and the coverage need not wait for that on their first call; on
// PostgreSQL it then vacuums the tables that grew, so their counts read indexes alone (postgres.ts).
// The vacuum waits while exports run: the database's processes do it at full priority, and took
// the CPU from the export worker's thread.
import { fileURLToPath } from "node:url";
import { parentPort, workerData } from "node:worker_threads";
import { isPostgres, isPostgresUrl, openStore, vacuumWhenGrown } from "@/lib/store";
import { lowerThreadPriority, WRITER_NICE } from "../thread-priority";
import { Checkpointer, checkpointerThread } from "./checkpointer";
import { runIngestGroup, runOp } from "./ops";
import { exportsBusy } from "../jobs/repo";
import {
  EXPORTS_QUIET_MS,
  FACTS_AFTER_IDLE_MS,
  FACTS_MIN_INTERVAL_MS,
  MAX_GROUP,
  UPKEEP_MAX_WAIT_MS,
  UPKEEP_RECHECK_MS,
  WRITER_CHECKPOINT_PAGES,
  type OpOutcome,
  type Reply,
  type Request,
} from "./protocol";
import { BatchReader, readerThread } from "./reader";
/** How long PostgreSQL may take to count an idle connection's writes in its statistics (10 s), and a margin. */
const STATS_IDLE_FLUSH_MS = 11_000;
/** Internal operations carry this id: nobody waits for their reply. */
const INTERNAL = -1;

const { dbFile, role } = workerData as { dbFile: string; role?: "reader" | "checkpointer" };

/** A request waiting for the writer; a batch's reading by the reader thread, once started, and whether it is done. */
type Queued = Request & { reading?: Promise<void>; read?: boolean };
type IngestOp = Extract<Request["op"], { op: "ingest" }>;

async function main() {
  lowerThreadPriority(WRITER_NICE);
  // SQLite: the checkpointer thread copies the WAL; the writer's own checkpoints are its fallback.
  const checkpointer = isPostgresUrl(dbFile) ? null : new Checkpointer(fileURLToPath(import.meta.url), dbFile);
  const db = await openStore(dbFile, {
    migrate: false,
    busyTimeoutMs: 30_000,
    ...(checkpointer && { checkpointPages: WRITER_CHECKPOINT_PAGES }),
  });
  const postgres = isPostgres(db);
  const small: Queued[] = [];
  const batches: Queued[] = [];
  let reader: BatchReader | null = null;
  let running = false;
  const idle = () => !running && small.length === 0 && batches.length === 0;
  const changed = new Map<string, Request["op"] & { op: "refreshFacts" }>();
  const derivedAt = new Map<string, number>();
  let quiet: NodeJS.Timeout | null = null;

  /**
   * Calls `run` once no export runs, is due or has just finished, or once it has waited
   * UPKEEP_MAX_WAIT_MS; gives up, without calling it, once `current` says a newer wait replaced
   * this one. The facts do not wait: the first coverage call would, and they are derived beside an
   * export on another core; the vacuum is work nobody waits for.
   */
  const afterExports = (run: () => void, current: () => boolean, since = Date.now()): void => {
    void exportsBusy(db, EXPORTS_QUIET_MS)
      .catch(() => false)
      .then((busy) => {
        if (!current()) return;
        if (busy && Date.now() - since < UPKEEP_MAX_WAIT_MS)
          setTimeout(() => afterExports(run, current, since), UPKEEP_RECHECK_MS);
        else run();
      });
  };

  const deriveWhenQuiet = () => {
    if (quiet) clearTimeout(quiet);
    quiet = null;
    const due = [...changed.keys()].map((key) => (derivedAt.get(key) ?? -Infinity) + FACTS_MIN_INTERVAL_MS);
    if (due.length === 0) return;
    const wait = Math.max(FACTS_AFTER_IDLE_MS, Math.min(...due) - Date.now());
    quiet = setTimeout(() => {
      quiet = null;
      if (!idle()) return;
      const now = Date.now();
      const key = [...changed.keys()].find((k) => (derivedAt.get(k) ?? -Infinity) + FACTS_MIN_INTERVAL_MS <= now);
      if (key === undefined) return deriveWhenQuiet();
      small.push({ id: INTERNAL, op: changed.get(key)! });
      changed.delete(key);
      derivedAt.set(key, now);
      void drain();
    }, wait);
  };

  let vacuum: NodeJS.Timeout | null = null;
  // Each look replaces the one before, whether it is still timed or already waiting for the
  // exports: the longest wait counts from the last writes, and one wait polls the exports, not one
  // per batch written.
  let look = 0;
  // PostgreSQL counts a connection's writes in its table statistics within 1 s of busy work, or
  // 10 s after it goes idle: the tables are looked at when the writes go quiet, and again once
  // the last writes are surely counted.
  const vacuumWhenQuiet = (after = FACTS_AFTER_IDLE_MS, again = true) => {
    if (vacuum) clearTimeout(vacuum);
    const mine = ++look;
    const current = () => mine === look;
    vacuum = setTimeout(() => {
      vacuum = null;
      if (!idle()) return;
      afterExports(() => {
        if (!idle()) return;
        vacuumWhenGrown(db)
          .catch((err: unknown) =>
            process.stderr.write(`store writer: vacuum: ${err instanceof Error ? err.message : String(err)}\n`),
          )
          .finally(() => {
            if (again && current()) vacuumWhenQuiet(STATS_IDLE_FLUSH_MS, false);
          });
      }, current);
    }, after);
  };

  const drain = async () => {
    running = true;
    for (;;) {
      // The next batch is read (by the reader thread, while the ones before were written) first.
      if (small.length === 0) await batches[0]?.reading;
      const next = small.shift() ?? batches.shift();
      if (!next) break;
      const t0 = performance.now();
      const done =
        next.op.op === "ingest" ? await writeGroup(next) : [{ req: next, outcome: await runOp(db, next.op) }];
      const ms = (performance.now() - t0) / done.length;
      for (const { req, outcome } of done) {
        const { op } = req;
        if ((op.op === "ingest" || op.op === "delete") && outcome.ok)
          changed.set(`${op.scope.org}\n${op.scope.project}`, { op: "refreshFacts", scope: op.scope });
        if (req.id !== INTERNAL) parentPort!.postMessage({ id: req.id, outcome, ms } satisfies Reply);
      }
      checkpointer?.wrote();
      // Let the messages that came during the operation in, so a small one goes before the next batch.
      await new Promise((resolve) => setImmediate(resolve));
    }
    running = false;
    deriveWhenQuiet();
    if (postgres) vacuumWhenQuiet();
  };

  /**
   * Batch `first` and the batches read behind it, written in one transaction (runIngestGroup): up
   * to MAX_GROUP of them, while no small operation waits, so an export create still waits for one
   * batch at most and its commit.
   */
  const writeGroup = async (first: Queued): Promise<{ req: Queued; outcome: OpOutcome }[]> => {
    const group = [first];
    const outcomes = await runIngestGroup(db, first.op as IngestOp, async () => {
      // The messages that came meanwhile (a small operation, a batch read) are let in first.
      await new Promise((resolve) => setImmediate(resolve));
      const more = batches[0];
      if (small.length > 0 || group.length >= MAX_GROUP || !more?.read) return undefined;
      group.push(batches.shift()!);
      return more.op as IngestOp;
    });
    return group.map((req, i) => ({ req, outcome: outcomes[i]! }));
  };

  parentPort!.on("message", (req: Request) => {
    if (req.op.op === "ingest") {
      reader ??= new BatchReader(fileURLToPath(import.meta.url));
      const { op } = req;
      const queued: Queued = { ...req };
      queued.reading = reader.read(op.kind, op.body).then((read) => {
        op.read = read ?? undefined;
        queued.read = true;
      });
      batches.push(queued);
    } else small.push(req);
    if (!running) void drain();
  });
}

if (role === "reader") readerThread();
else if (role === "checkpointer") checkpointerThread(dbFile);
else
  main().catch((err: unknown) => {
    process.stderr.write(`store writer: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
