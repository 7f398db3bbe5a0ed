// GET /v2/insights/efficiency/exports/{exportId} – an export job's status
import { NextResponse } from "next/server";
import { exportStatus } from "@/lib/engine";
import { withApiKey } from "@/lib/runtime";

export const GET = withApiKey<{ exportId: string }>(async (_req, { engine, scope, params }) =>
  NextResponse.json(await exportStatus(engine, scope, params.exportId), {
    headers: { "Cache-Control": "no-store" },
  }),
);
