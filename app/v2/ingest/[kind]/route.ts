// POST /v2/ingest/{kind} – upsert a batch of records, all or nothing
import { NextResponse } from "next/server";
import { withApiKey } from "@/lib/engine/http";
import { isIngestKind } from "@/lib/engine/ingest";
import { ingestRequest } from "@/lib/engine/writer";
import { notFound } from "@/lib/server/errors";

export const POST = withApiKey<{ kind: string }>(async (req, { engine, projectIdentifier, orgIdentifier, params }) => {
  if (!isIngestKind(params.kind)) throw notFound(`Unknown record kind "${params.kind.slice(0, 40)}".`);
  return NextResponse.json(await ingestRequest(engine, { org: orgIdentifier!, project: projectIdentifier }, params.kind, req));
});
