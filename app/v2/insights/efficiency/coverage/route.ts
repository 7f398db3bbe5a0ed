// GET /v2/insights/efficiency/coverage – how much of the data the figures see (spec §9)
import { NextResponse } from "next/server";
import { dataCoverage } from "@/lib/engine";
import { withApiKey } from "@/lib/runtime";

export const GET = withApiKey(async (req, { engine, scope }) =>
  NextResponse.json(await dataCoverage(engine, scope, req.nextUrl.searchParams), {
    headers: { "Cache-Control": "no-store" },
  }),
);
