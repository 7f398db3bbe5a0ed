// POST /v2/ingest/{kind} – upsert a batch of records, all or nothing
import { NextResponse } from "next/server";
import { ingestRequest, isIngestKind } from "@/lib/engine";
import { withApiKey } from "@/lib/runtime";
import { notFound } from "@/lib/server";

export const POST = withApiKey<{ kind: string }>(async (req, { engine, scope, params }) => {
  if (!isIngestKind(params.kind)) throw notFound(`Unknown record kind "${params.kind.slice(0, 40)}".`);
  return NextResponse.json(await ingestRequest(engine, scope, params.kind, req));
});
