// GET, PUT /v2/sources/mapping – the project's mapping document (JSON or YAML), versioned
import { NextResponse } from "next/server";
import { withApiKey } from "@/lib/runtime";
import { MAX_MAPPING_BYTES, mappingAnswer, putMapping } from "@/lib/sources";
import { invalid, readUtf8Body } from "@/lib/server";

export const GET = withApiKey(async (req, { engine, scope }) => {
  const raw = req.nextUrl.searchParams.get("version");
  const version = raw === null ? undefined : Number(raw);
  if (version !== undefined && (!Number.isInteger(version) || version < 1))
    throw invalid("version must be a positive integer.", [{ field: "version", message: "must be a positive integer" }]);
  return NextResponse.json(await mappingAnswer(engine.db, scope, version));
});

export const PUT = withApiKey(async (req, { engine, scope }) => {
  const text = await readUtf8Body(req, MAX_MAPPING_BYTES);
  return NextResponse.json(await putMapping(engine.db, scope, text, req.headers.get("content-type"), "API key"));
});
