import "server-only";
import type { NextRequest } from "next/server";
import { errorResponse, invalid } from "@/lib/server";
import type { Scope } from "./scope";
import type { Sources } from "./service";
import { receiveWebhook } from "./webhook";

const IDENTIFIER = /^[A-Za-z0-9_.-]{1,128}$/;

/** The project a webhook URL names (spec §1's identifiers, both required). */
export function scopeOf(req: NextRequest): Scope {
  const details = [];
  const values: string[] = [];
  for (const name of ["orgIdentifier", "projectIdentifier"]) {
    const value = req.nextUrl.searchParams.get(name);
    if (!value) details.push({ field: name, message: "is required" });
    else if (!IDENTIFIER.test(value))
      details.push({ field: name, message: "must be 1-128 letters, digits, '_', '-' or '.'" });
    else values.push(value);
  }
  if (details.length > 0)
    throw invalid("The webhook URL must name the project: orgIdentifier and projectIdentifier.", details);
  return { org: values[0]!, project: values[1]! };
}

/**
 * The webhook route: no API key (a source authenticates with its signature instead), the project
 * from the URL, errors as the engine's (spec §8) with no internals.
 */
export function webhookRoute(getSources: () => Promise<Sources>) {
  return async (req: NextRequest, ctx: { params: Promise<{ source: string }> }): Promise<Response> => {
    try {
      const { source } = await ctx.params;
      return await receiveWebhook(await getSources(), scopeOf(req), source, req);
    } catch (err) {
      return errorResponse(err, { method: req.method, path: req.nextUrl.pathname });
    }
  };
}
