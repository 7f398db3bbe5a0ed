import "server-only";
import { canSeeScope, visibleScopes, type AccessScope, assertCreateAllowed } from "@/lib/access";
import type { User } from "@/lib/auth";
import { BENCHMARK_NAMES, parseExportRequest, type ExportParams } from "@/lib/dora";
import { ApiError, invalid, notFound, log } from "@/lib/server";
import type { Store } from "@/lib/store";
import { EXPORT_ID, type CreatedExport, type SeiClient, prepareDownload, type DownloadAs } from "@/lib/sei";
import {
  findExport,
  listExports,
  recordExport,
  registeredScope,
  ScopeConflictError,
  type RegisteredExport,
} from "./exports";
import { exportView, statusView } from "./views";
import type { ExportStatusView, ExportView } from "@/lib/contract";

// The proxy's export operations: validate, check access, call SEI, record, log. The routes are thin
// shells around these.

export interface ProxyContext {
  user: User;
  db: Store;
  sei: SeiClient;
  signal?: AbortSignal;
}

const describe = (s: AccessScope) => (s.kind === "team" ? `team:${s.teamId}` : `tree:${s.orgTreeName}`);

export function logDenied(user: User, reason: string, fields: Record<string, unknown> = {}): void {
  log.warn("proxy.denied", { user: user.email, reason, ...fields });
}

/** The browser never knows the configured org and project: they are put into an org tree scope here. */
function withIdentifiers(body: unknown, ids: { org: string; project: string }): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  const scope = (body as { scope?: unknown }).scope;
  if (typeof scope !== "object" || scope === null || Array.isArray(scope) || !("orgTreeName" in scope)) return body;
  return { ...body, scope: { ...scope, orgIdentifier: ids.org, projectIdentifier: ids.project } };
}

/** A create's body, validated, for a scope this user may see (else 400 or 403). */
export async function parseCreate(
  ctx: ProxyContext,
  body: unknown,
  action = "create",
): Promise<{ params: ExportParams; scope: AccessScope }> {
  const { user, sei } = ctx;
  const ids = sei.identifiers;
  const parsed = parseExportRequest(withIdentifiers(body, ids), {
    orgIdentifier: ids.org,
    projectIdentifier: ids.project,
    benchmarks: BENCHMARK_NAMES,
  });
  if (!parsed.ok) throw invalid("The export request is invalid.", parsed.details);
  const scope = registeredScope(parsed.params);
  if (!canSeeScope(user, scope, await sei.directory())) {
    logDenied(user, "scope", { action, scope: describe(scope) });
    throw new ApiError("PERMISSION_DENIED", "You may not export this team or org tree.");
  }
  return { params: parsed.params, scope };
}

export async function createExportFor(
  ctx: ProxyContext,
  body: unknown,
): Promise<{ export: ExportView; status: string; reused: boolean }> {
  const { user, sei } = ctx;
  const parsed = await parseCreate(ctx, body);
  const scope = parsed.scope;
  try {
    await assertCreateAllowed(ctx.db, user.id);
  } catch (err) {
    if (err instanceof ApiError && err.code === "RATE_LIMITED")
      logDenied(user, "rate_limited", { action: "create", scope: describe(scope) });
    throw err;
  }
  const created = await sei.createExport(parsed.params, ctx.signal);
  const entry = await registerCreated(ctx, created, parsed.params, scope);
  log.info("proxy.export_created", {
    user: user.email,
    exportId: created.exportId,
    scope: describe(scope),
    reused: created.reused,
    outcome: "ok",
  });
  return { export: exportView(entry), status: created.status, reused: created.reused };
}

/**
 * What SEI answered a create with, recorded, or UPSTREAM_FAILED: an id the routes would not
 * accept (a path, a header, 100 KB) is never registered or listed, and an id already registered
 * for another scope (a misbehaving or shared SEI) never hands its row, another team's, to the asker.
 */
async function registerCreated(
  ctx: ProxyContext,
  created: CreatedExport,
  params: ExportParams,
  scope: AccessScope,
): Promise<RegisteredExport> {
  const fields = { user: ctx.user.email, scope: describe(scope), reused: created.reused };
  if (!EXPORT_ID.test(created.exportId)) {
    // Not the id itself: it is SEI's text, of any length.
    log.warn("proxy.export_created", { ...fields, outcome: "bad_upstream_id", idLength: created.exportId.length });
    throw new ApiError("UPSTREAM_FAILED", "SEI answered with an export id the dashboard does not accept.");
  }
  try {
    return await recordExport(ctx.db, ctx.sei.connection, {
      id: created.exportId,
      params,
      createdBy: ctx.user.email,
      upstreamCreatedAt: created.createdAt,
    });
  } catch (err) {
    if (!(err instanceof ScopeConflictError)) throw err;
    log.warn("proxy.export_created", {
      ...fields,
      exportId: created.exportId,
      registeredScope: describe(err.registered),
      outcome: "scope_conflict",
    });
    throw new ApiError(
      "UPSTREAM_FAILED",
      "SEI answered with an export of another team or org tree; the dashboard refused it.",
    );
  }
}

/** The registered export, if this user may see it; else 404, the same as for an unknown id. */
async function visibleExport(ctx: ProxyContext, id: string, action: string): Promise<RegisteredExport> {
  const found = EXPORT_ID.test(id) ? await findExport(ctx.db, ctx.sei.connection, id) : null;
  if (found && canSeeScope(ctx.user, found.scope, await ctx.sei.directory())) return found;
  if (found) logDenied(ctx.user, "scope", { action, exportId: id, scope: describe(found.scope) });
  else logDenied(ctx.user, "unknown_export", { action, exportId: id.slice(0, 64) });
  throw notFound("No such export.");
}

export async function exportStatusFor(ctx: ProxyContext, id: string): Promise<ExportStatusView> {
  const entry = await visibleExport(ctx, id, "poll");
  return statusView(entry, await ctx.sei.exportStatus(id, ctx.signal));
}

export async function downloadFor(ctx: ProxyContext, id: string, as: DownloadAs) {
  const entry = await visibleExport(ctx, id, "download");
  let source: ReadableStream<Uint8Array>;
  try {
    source = await ctx.sei.openDownload(id, ctx.signal);
  } catch (err) {
    log.warn("proxy.export_download", {
      user: ctx.user.email,
      exportId: id,
      as,
      outcome: err instanceof ApiError ? err.code : "error",
    });
    throw err;
  }
  const done = (outcome: string, bytes: number) =>
    (outcome === "ok" ? log.info : log.warn)("proxy.export_download", {
      user: ctx.user.email,
      exportId: entry.id,
      as,
      outcome,
      bytes,
    });
  return prepareDownload(source, as, ctx.sei.limits.maxCsvBytes, done);
}

export async function listExportsFor(
  ctx: ProxyContext,
  page: { limit: number; cursor: string | null },
): Promise<{ items: ExportView[]; nextCursor: string | null }> {
  const visible = visibleScopes(ctx.user, await ctx.sei.directory());
  const visibility = visible.all
    ? { all: true as const }
    : { all: false as const, teams: [...visible.teams], trees: [...visible.trees] };
  const result = await listExports(ctx.db, ctx.sei.connection, visibility, page);
  return { items: result.items.map(exportView), nextCursor: result.nextCursor };
}
