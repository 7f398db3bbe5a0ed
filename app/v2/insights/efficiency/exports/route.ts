// POST /v2/insights/efficiency/exports – create an export job (202), or reuse an identical recent one (200)
import { NextResponse } from "next/server";
import { createExport, readBody } from "@/lib/engine";
import { withApiKey } from "@/lib/runtime";

export const POST = withApiKey(async (req, { engine, scope }) => {
  const body = await readBody(req, 64 * 1024);
  const { reused, response } = await createExport(engine, scope, body);
  return NextResponse.json(response, { status: reused ? 200 : 202 });
});
