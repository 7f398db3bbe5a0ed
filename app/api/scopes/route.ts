// GET /api/scopes – the teams (with parents) and org trees this user may see, and which connection is in use
import { NextResponse } from "next/server";
import { publicConfig } from "@/lib/server";
import { NO_STORE, proxyContext, scopesFor } from "@/lib/dashboard";
import { withSession } from "@/lib/runtime";

export const GET = withSession(async (req, ctx) => {
  const { teams, orgTrees } = await scopesFor(proxyContext(req, ctx));
  return NextResponse.json({ connection: publicConfig(ctx.runtime.env), teams, orgTrees }, { headers: NO_STORE });
});
