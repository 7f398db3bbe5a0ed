// POST /api/sources/secret – an admin sets a new webhook secret for a source; it is shown once
import { NextResponse } from "next/server";
import { z } from "zod";
import { readMutationBody } from "@/lib/access";
import { allowedOrigin, NO_STORE } from "@/lib/dashboard";
import { withSession } from "@/lib/runtime";
import { getSeiClient } from "@/lib/sei";
import { invalid, log, notFound } from "@/lib/server";
import { newWebhookSecret, setSecret, WEBHOOK_SOURCES } from "@/lib/sources";

const body = z.strictObject({ source: z.string().max(40) });

export const POST = withSession(async (req, ctx) => {
  if (!ctx.user.admin) throw notFound();
  const parsed = body.safeParse(await readMutationBody(req, ctx.user, allowedOrigin(ctx.runtime)));
  if (!parsed.success || !WEBHOOK_SOURCES[parsed.data.source])
    throw invalid("Name a source that takes webhooks.", [
      { field: "source", message: `must be one of ${Object.keys(WEBHOOK_SOURCES).join(", ")}` },
    ]);
  const scope = getSeiClient(ctx.runtime).identifiers;
  const secret = newWebhookSecret();
  await setSecret(ctx.runtime.db, ctx.runtime.sources.key, scope, parsed.data.source, secret);
  log.info("sources.secret_set", { source: parsed.data.source, by: ctx.user.email });
  return NextResponse.json({ source: parsed.data.source, secret }, { headers: NO_STORE });
});
