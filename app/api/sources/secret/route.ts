// POST /api/sources/secret – an admin sets a source's webhook secret: a new one shown once, or one pasted from the source
import { NextResponse } from "next/server";
import { z } from "zod";
import { readMutationBody } from "@/lib/access";
import { allowedOrigin, NO_STORE } from "@/lib/dashboard";
import { withSession } from "@/lib/runtime";
import { getSeiClient } from "@/lib/sei";
import { invalid, log, notFound } from "@/lib/server";
import { MIN_SECRET_LENGTH, newWebhookSecret, setSecret, WEBHOOK_SOURCES } from "@/lib/sources";

// A source that makes its own secret (PagerDuty shows its signing secret once) has it pasted here.
const body = z.strictObject({ source: z.string().max(40), secret: z.string().max(500).optional() });

export const POST = withSession(async (req, ctx) => {
  if (!ctx.user.admin) throw notFound();
  const parsed = body.safeParse(await readMutationBody(req, ctx.user, allowedOrigin(ctx.runtime)));
  if (!parsed.success || !WEBHOOK_SOURCES[parsed.data.source])
    throw invalid("Name a source that takes webhooks.", [
      { field: "source", message: `must be one of ${Object.keys(WEBHOOK_SOURCES).join(", ")}` },
    ]);
  const pasted = parsed.data.secret?.trim();
  if (pasted !== undefined && pasted.length < MIN_SECRET_LENGTH)
    throw invalid(`The secret must be at least ${MIN_SECRET_LENGTH} characters.`, [
      { field: "secret", message: `must be at least ${MIN_SECRET_LENGTH} characters` },
    ]);
  const scope = getSeiClient(ctx.runtime).identifiers;
  const secret = pasted ?? newWebhookSecret();
  await setSecret(ctx.runtime.db, ctx.runtime.sources.key, scope, parsed.data.source, secret);
  log.info("sources.secret_set", { source: parsed.data.source, by: ctx.user.email, pasted: pasted !== undefined });
  // A pasted secret is never sent back.
  return NextResponse.json(
    pasted === undefined ? { source: parsed.data.source, secret } : { source: parsed.data.source, saved: true },
    { headers: NO_STORE },
  );
});
