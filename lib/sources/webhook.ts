import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { ApiError, invalid, log, notFound, readBodyBytes } from "@/lib/server";
import { WEBHOOK_SOURCES } from "./arrival";
import type { Scope } from "./scope";
import { getSecret } from "./secrets";
import type { Sources } from "./service";

/** The largest delivery taken (spec: Receiving); GitHub's own are far smaller. */
export const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

/**
 * A delivery's answer is a few bytes that no sender reads twice: `no-transform` keeps the server's
 * compression off it (a gzip stream set up per answer was a tenth of a delivery's cost in a burst).
 */
const ANSWER = { "cache-control": "no-store, no-transform" };

/**
 * POST /v2/sources/{source}/webhook: the body read (413 past 5 MB), its signature checked in
 * constant time (401, nothing stored), then handed to the mapper, which checks its JSON (400) and
 * writes it to the event log: 202 for a new delivery, mapped after the answer; 200 for one seen before.
 */
export async function receiveWebhook(
  sources: Sources,
  scope: Scope,
  sourceName: string,
  req: NextRequest,
): Promise<Response> {
  const source = WEBHOOK_SOURCES[sourceName];
  if (!source)
    throw notFound(
      `No webhook for "${sourceName.slice(0, 40)}"; this version takes ${Object.keys(WEBHOOK_SOURCES).join(", ")}.`,
    );
  const body = await readBodyBytes(req, MAX_WEBHOOK_BYTES);
  const verified = async (fresh: boolean) => {
    const secret = await getSecret(sources.db, sources.key, scope, sourceName, { fresh });
    return { set: secret !== null, ok: secret !== null && source.verify(secret, body, req.headers) };
  };
  // The secret is kept a second; a delivery it refuses is checked again on the stored one (just set?).
  let check = await verified(false);
  if (!check.ok) check = await verified(true);
  if (!check.ok) {
    log.warn("sources.webhook_refused", {
      source: sourceName,
      org: scope.org,
      project: scope.project,
      secretSet: check.set,
    });
    throw new ApiError(
      "UNAUTHENTICATED",
      "The delivery's signature is missing or does not match the secret set for this source.",
    );
  }
  const admission = await sources.mapper.admit({
    scope,
    source: sourceName,
    headers: Object.fromEntries(req.headers),
    body,
    receivedAt: Date.now(),
  });
  if (!admission.ok) throw invalid(admission.summary, [{ field: admission.field, message: admission.message }]);
  const duplicate = admission.id === null;
  return NextResponse.json(
    { received: true, duplicate, deliveryId: admission.deliveryId },
    { status: duplicate ? 200 : 202, headers: ANSWER },
  );
}
