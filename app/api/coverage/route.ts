// GET /api/coverage – how much of a team's data its figures see (engine spec §9), for a team the user may see
import { NextResponse } from "next/server";
import { coverageFor, NO_STORE, proxyContext } from "@/lib/dashboard";
import { withSession } from "@/lib/runtime";

export const GET = withSession(async (req, ctx) =>
  NextResponse.json(await coverageFor(proxyContext(req, ctx), req.nextUrl.searchParams), { headers: NO_STORE }),
);
