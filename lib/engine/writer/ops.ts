// What the store writer does with each operation. Pure of threads: the writer thread runs it on its
// own connection, and a store in memory (tests) runs it on the request thread's.
import { parseBodyText } from "@/lib/dora";
import type { Store } from "@/lib/store";
import { refreshFacts } from "../facts";
import {
  deleteRecord,
  ingestBatches,
  parseBody,
  prepareBatch,
  TeamInUseError,
  type IngestKind,
  type IngestResult,
  type ScopedBatch,
} from "../ingest";
import { createOrReuse } from "../jobs/repo";
import type { OpError, OpOutcome, ReadBatch, WriterOp } from "./protocol";

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

export async function runOp(db: Store, op: WriterOp): Promise<OpOutcome> {
  try {
    switch (op.op) {
      case "ingest":
        return await ingestBody(db, op);
      case "delete":
        return { ok: true, value: await deleteRecord(db, op.scope, op.kind, op.id) };
      case "createJob":
        return { ok: true, value: await createOrReuse(db, op.scope, op.params, op.paramsKey) };
      case "refreshFacts":
        return { ok: true, value: await refreshFacts(db, op.scope) };
    }
  } catch (err) {
    return { ok: false, error: errorOf(err) };
  }
}

/** Decodes, parses, checks the shape of and prepares a batch's body (ReadBatch). */
export function readBatch(kind: IngestKind, body: Uint8Array): ReadBatch {
  let text: string;
  try {
    text = STRICT_UTF8.decode(body);
  } catch {
    return { ok: false, outcome: refused("The body is not valid UTF-8.", "is not valid UTF-8") };
  }
  const parsed = parseBodyText(text);
  if (!parsed.ok) return { ok: false, outcome: refused(parsed.message, parsed.message) };
  return { ok: true, prepared: prepareBatch(kind, parseBody(kind, parsed.value)) };
}

type IngestOp = Extract<WriterOp, { op: "ingest" }>;

async function ingestBody(db: Store, op: IngestOp): Promise<OpOutcome> {
  const [outcome] = await runIngestGroup(db, op);
  return outcome!;
}

/**
 * Writes batch `first`, then those `more` gives while it gives any, in one transaction
 * (ingestBatches): each is written all or nothing and gets its own outcome, in the order taken; a
 * batch whose body was refused takes no part. If the commit fails, every batch written in it
 * fails with that error.
 */
export async function runIngestGroup(
  db: Store,
  first: IngestOp,
  more: () => Promise<IngestOp | undefined> = async () => undefined,
): Promise<OpOutcome[]> {
  const outcomes: OpOutcome[] = [];
  const written: number[] = [];
  /** The batch of `op`, or undefined after giving a refused body its outcome. */
  const take = (op: IngestOp): ScopedBatch | undefined => {
    const read = op.read ?? readBatch(op.kind, op.body);
    outcomes.push(read.ok ? { ok: true, value: null } : read.outcome);
    if (!read.ok) return undefined;
    written.push(outcomes.length - 1);
    return { scope: op.scope, batch: read.prepared };
  };
  const head = take(first);
  if (!head) return outcomes;
  const next = async (): Promise<ScopedBatch | undefined> => {
    for (let op = await more(); op; op = await more()) {
      const batch = take(op);
      if (batch) return batch;
    }
    return undefined;
  };
  try {
    const parts = await ingestBatches(db, head, next);
    parts.forEach((part, i) => (outcomes[written[i]!] = part.ok ? ingestOutcome(part.value) : failed(part.error)));
  } catch (err) {
    for (const i of written) outcomes[i] = failed(err);
  }
  return outcomes;
}

function ingestOutcome(result: IngestResult): OpOutcome {
  if (!result.ok) {
    const message = `The batch was refused: ${result.details.length} problem(s); nothing was written.`;
    return { ok: false, error: { kind: "invalid", message, details: result.details } };
  }
  const { received, created, updated } = result;
  return { ok: true, value: { received, created, updated } };
}

const failed = (err: unknown): OpOutcome => ({ ok: false, error: errorOf(err) });

const refused = (message: string, detail: string): OpOutcome => ({
  ok: false,
  error: { kind: "invalid", message, details: [{ field: "body", message: detail }] },
});

function errorOf(err: unknown): OpError {
  if (err instanceof TeamInUseError) return { kind: "team_in_use", teamId: err.teamId, usedBy: err.usedBy };
  return err instanceof Error
    ? { kind: "internal", name: err.name, message: err.message }
    : { kind: "internal", name: "Error", message: String(err) };
}
