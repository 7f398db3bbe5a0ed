import "server-only";
import { canSeeScope } from "@/lib/access";
import type { Coverage, RecordsPage } from "@/lib/contract";
import { parseCoverageQuery, parseRecordsQuery } from "@/lib/dora";
import { ApiError, invalid, log } from "@/lib/server";
import { logDenied, type ProxyContext } from "./service";

// The records behind a figure and the data coverage (engine spec §9), passed through for the
// embedded engine with the exports' access rule: a user sees what concerns a team they may see
// (its sub-teams included), nothing else. Harness SEI has no such API: NOT_AVAILABLE, first.

type Parsed<Q> = { ok: true; query: Q } | { ok: false; details: { field: string; message: string }[] };

function parsed<Q>(result: Parsed<Q>): Q {
  if (!result.ok) throw invalid("The query is invalid.", result.details);
  return result.query;
}

async function assertMaySeeTeam(ctx: ProxyContext, teamId: string, action: string): Promise<void> {
  if (canSeeScope(ctx.user, { kind: "team", teamId }, await ctx.sei.directory())) return;
  logDenied(ctx.user, "scope", { action, scope: `team:${teamId.slice(0, 64)}` });
  throw new ApiError("PERMISSION_DENIED", "You may not see this team.");
}

export async function recordsFor(ctx: ProxyContext, search: URLSearchParams): Promise<RecordsPage> {
  if (!ctx.sei.records) throw new ApiError("NOT_AVAILABLE", "Harness SEI has no API for the records behind a figure.");
  const query = parsed(parseRecordsQuery(search));
  await assertMaySeeTeam(ctx, query.teamId, "records");
  const page = await ctx.sei.records(query, ctx.signal);
  log.info("proxy.records", {
    user: ctx.user.email,
    teamId: query.teamId,
    metric: query.metric,
    items: page.items.length,
    outcome: "ok",
  });
  return page;
}

export async function coverageFor(ctx: ProxyContext, search: URLSearchParams): Promise<Coverage> {
  if (!ctx.sei.coverage)
    throw new ApiError("NOT_AVAILABLE", "Harness SEI has no API for how much of the data the figures see.");
  const query = parsed(parseCoverageQuery(search));
  await assertMaySeeTeam(ctx, query.teamId, "coverage");
  return ctx.sei.coverage(query, ctx.signal);
}
