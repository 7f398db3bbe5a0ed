// DELETE /v2/ingest/{kind}/{id} – remove one record
import { NextResponse } from "next/server";
import { isIngestKind, writerOf } from "@/lib/engine";
import { withApiKey } from "@/lib/runtime";
import { notFound } from "@/lib/server";

export const DELETE = withApiKey<{ kind: string; id: string }>(async (_req, { engine, scope, params }) => {
  if (!isIngestKind(params.kind)) throw notFound(`Unknown record kind "${params.kind.slice(0, 40)}".`);
  const removed = await writerOf(engine).remove(scope, params.kind, params.id);
  if (!removed) throw notFound(`No ${params.kind} record with id "${params.id.slice(0, 200)}".`);
  return NextResponse.json({ deleted: 1 });
});
