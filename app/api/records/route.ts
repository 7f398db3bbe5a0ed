// GET /api/records – the records behind a figure (engine spec §9) of a team the user may see
import { NextResponse } from "next/server";
import { NO_STORE, proxyContext, recordsFor } from "@/lib/dashboard";
import { withSession } from "@/lib/runtime";

export const GET = withSession(async (req, ctx) =>
  NextResponse.json(await recordsFor(proxyContext(req, ctx), req.nextUrl.searchParams), { headers: NO_STORE }),
);
