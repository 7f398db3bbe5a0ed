// GET /api/exports/{id} – an export's status, polled upstream (404 unless the user may see its scope)
import { NextResponse } from "next/server";
import { NO_STORE, proxyContext } from "@/lib/registry/route-context";
import { exportStatusFor } from "@/lib/registry/service";
import { withSession } from "@/lib/server/route";

export const GET = withSession<{ id: string }>(async (req, ctx) =>
  NextResponse.json(await exportStatusFor(proxyContext(req, ctx), ctx.params.id), { headers: NO_STORE }),
);
