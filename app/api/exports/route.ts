// POST /api/exports – create an export (or reuse an identical recent one) for a scope the user may see
// GET /api/exports – the exports this user may see, newest first, paginated
import { NextResponse } from "next/server";
import { z } from "zod";
import { readMutationBody } from "@/lib/access";
import { allowedOrigin, NO_STORE, proxyContext, createExportFor, listExportsFor } from "@/lib/dashboard";
import { invalid } from "@/lib/server";
import { withSession } from "@/lib/runtime";

export const POST = withSession(async (req, ctx) => {
  const body = await readMutationBody(req, ctx.user, allowedOrigin(ctx.runtime));
  const result = await createExportFor(proxyContext(req, ctx), body);
  return NextResponse.json(result, { status: result.reused ? 200 : 202, headers: NO_STORE });
});

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .regex(/^[0-9a-z]{1,12}$/)
    .nullable()
    .default(null),
});

export const GET = withSession(async (req, ctx) => {
  const query = listQuery.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!query.success)
    throw invalid(
      "The query is invalid.",
      query.error.issues.map((i) => ({ field: i.path.join(".") || "query", message: i.message })),
    );
  return NextResponse.json(await listExportsFor(proxyContext(req, ctx), query.data), { headers: NO_STORE });
});
