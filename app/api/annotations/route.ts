// GET /api/annotations?teamId=… | ?orgTreeName=… – the notes of a view: the scope's and its sub-teams'
// POST /api/annotations – write a note on a team or org tree the user may see
import { NextResponse } from "next/server";
import { readMutationBody } from "@/lib/access";
import { allowedOrigin, createAnnotationFor, listAnnotationsFor, NO_STORE, proxyContext } from "@/lib/dashboard";
import { withSession } from "@/lib/runtime";

export const GET = withSession(async (req, ctx) => {
  const items = await listAnnotationsFor(proxyContext(req, ctx), Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json({ items }, { headers: NO_STORE });
});

export const POST = withSession(async (req, ctx) => {
  const body = await readMutationBody(req, ctx.user, allowedOrigin(ctx.runtime));
  const note = await createAnnotationFor(proxyContext(req, ctx), body);
  return NextResponse.json(note, { status: 201, headers: NO_STORE });
});
