// POST /api/sources/replay – an admin re-maps the project's stored events with the current mapping
import { NextResponse } from "next/server";
import { readMutationBody } from "@/lib/access";
import { allowedOrigin, NO_STORE } from "@/lib/dashboard";
import { withSession } from "@/lib/runtime";
import { getSeiClient } from "@/lib/sei";
import { notFound } from "@/lib/server";

export const POST = withSession(async (req, ctx) => {
  if (!ctx.user.admin) throw notFound();
  await readMutationBody(req, ctx.user, allowedOrigin(ctx.runtime));
  const scope = getSeiClient(ctx.runtime).identifiers;
  const started = Date.now();
  const result = await ctx.runtime.sources.mapper.replay({ scope });
  return NextResponse.json({ ...result, ms: Date.now() - started }, { headers: NO_STORE });
});
