// POST /v2/ingest/{kind} – upsert a batch of records, all or nothing
import { NextResponse } from "next/server";
import { readBody, ingest, isIngestKind } from "@/lib/engine";
import { withApiKey } from "@/lib/runtime";
import { invalid, notFound } from "@/lib/server";

export const POST = withApiKey<{ kind: string }>(async (req, { engine, projectIdentifier, orgIdentifier, params }) => {
  if (!isIngestKind(params.kind)) throw notFound(`Unknown record kind "${params.kind.slice(0, 40)}".`);
  const body = await readBody(req, 32 * 1024 * 1024);
  const result = await ingest(engine.db, { org: orgIdentifier!, project: projectIdentifier }, params.kind, body);
  if (!result.ok) throw invalid(`The batch was refused: ${result.details.length} problem(s); nothing was written.`, result.details);
  const { received, created, updated } = result;
  return NextResponse.json({ received, created, updated });
});
