// GET /v2/insights/efficiency/records – the records behind a figure, a page at a time (spec §9)
import { NextResponse } from "next/server";
import { listRecords } from "@/lib/engine";
import { withApiKey } from "@/lib/runtime";

export const GET = withApiKey(async (req, { engine, scope }) =>
  NextResponse.json(await listRecords(engine, scope, req.nextUrl.searchParams), {
    headers: { "Cache-Control": "no-store" },
  }),
);
