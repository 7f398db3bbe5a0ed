// GET /api/exports/{id} – an export's status, polled upstream (404 unless the user may see its scope)
import { NextResponse } from "next/server";
import { NO_STORE, proxyContext, exportStatusFor } from "@/lib/dashboard";
import { withSession } from "@/lib/runtime";

export const GET = withSession<{ id: string }>(async (req, ctx) =>
  NextResponse.json(await exportStatusFor(proxyContext(req, ctx), ctx.params.id), { headers: NO_STORE }),
);
