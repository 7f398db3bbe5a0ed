// PATCH /api/annotations/{id} – change a note's dates or text (its author or an admin)
// DELETE /api/annotations/{id} – delete a note (its author or an admin)
import { NextResponse } from "next/server";
import { assertMutationOrigin, readMutationBody } from "@/lib/access";
import { allowedOrigin, deleteAnnotationFor, NO_STORE, proxyContext, updateAnnotationFor } from "@/lib/dashboard";
import { withSession } from "@/lib/runtime";

export const PATCH = withSession<{ id: string }>(async (req, ctx) => {
  const body = await readMutationBody(req, ctx.user, allowedOrigin(ctx.runtime));
  const note = await updateAnnotationFor(proxyContext(req, ctx), ctx.params.id, body);
  return NextResponse.json(note, { headers: NO_STORE });
});

export const DELETE = withSession<{ id: string }>(async (req, ctx) => {
  assertMutationOrigin(req, ctx.user, allowedOrigin(ctx.runtime));
  await deleteAnnotationFor(proxyContext(req, ctx), ctx.params.id);
  return new Response(null, { status: 204, headers: NO_STORE });
});
