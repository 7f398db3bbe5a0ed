// DELETE /v2/ingest/{kind}/{id} – remove one record
import { NextResponse } from "next/server";
import { withApiKey } from "@/lib/engine/http";
import { isIngestKind } from "@/lib/engine/ingest";
import { writerOf } from "@/lib/engine/writer";
import { notFound } from "@/lib/server/errors";

export const DELETE = withApiKey<{ kind: string; id: string }>(async (_req, { engine, projectIdentifier, orgIdentifier, params }) => {
  if (!isIngestKind(params.kind)) throw notFound(`Unknown record kind "${params.kind.slice(0, 40)}".`);
  const removed = await writerOf(engine).remove({ org: orgIdentifier!, project: projectIdentifier }, params.kind, params.id);
  if (!removed) throw notFound(`No ${params.kind} record with id "${params.id.slice(0, 200)}".`);
  return NextResponse.json({ deleted: 1 });
});
