// PUT /api/sources/mapping – an admin saves the project's mapping document from the Sources page
import { NextResponse } from "next/server";
import { z } from "zod";
import { readMutationBody } from "@/lib/access";
import { allowedOrigin, NO_STORE } from "@/lib/dashboard";
import { withSession } from "@/lib/runtime";
import { invalid, notFound } from "@/lib/server";
import { MAX_MAPPING_BYTES, putMapping } from "@/lib/sources";
import { getSeiClient } from "@/lib/sei";

const body = z.strictObject({ text: z.string().max(MAX_MAPPING_BYTES), format: z.enum(["json", "yaml"]).optional() });

export const PUT = withSession(async (req, ctx) => {
  if (!ctx.user.admin) throw notFound();
  const parsed = body.safeParse(await readMutationBody(req, ctx.user, allowedOrigin(ctx.runtime)));
  if (!parsed.success)
    throw invalid('Send {"text": "…"}.', [{ field: "text", message: "must be the document's text" }]);
  const scope = getSeiClient(ctx.runtime).identifiers;
  const contentType = parsed.data.format ? `application/${parsed.data.format}` : null;
  const saved = await putMapping(ctx.runtime.db, scope, parsed.data.text, contentType, ctx.user.email);
  return NextResponse.json(saved, { headers: NO_STORE });
});
