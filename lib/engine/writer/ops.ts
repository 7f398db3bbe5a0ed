// What the store writer does with each operation. Pure of threads: the writer thread runs it on its
// own connection, and a store in memory (tests) runs it on the request thread's.
import { parseBodyText } from "@/lib/dora";
import type { Store } from "@/lib/store";
import { refreshFacts } from "../facts";
import { deleteRecord, ingestPrepared, parseBody, prepareBatch, TeamInUseError, type IngestKind } from "../ingest";
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

async function ingestBody(db: Store, op: Extract<WriterOp, { op: "ingest" }>): Promise<OpOutcome> {
  const read = op.read ?? readBatch(op.kind, op.body);
  if (!read.ok) return read.outcome;
  const result = await ingestPrepared(db, op.scope, read.prepared);
  if (!result.ok) {
    const message = `The batch was refused: ${result.details.length} problem(s); nothing was written.`;
    return { ok: false, error: { kind: "invalid", message, details: result.details } };
  }
  const { received, created, updated } = result;
  return { ok: true, value: { received, created, updated } };
}

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
