import "server-only";
import type { ExportStatusView } from "@/lib/contract";
import { exportParamsKey } from "@/lib/dora";
import { recentExports } from "./exports";
import { parseCreate, type ProxyContext } from "./service";
import { statusView } from "./views";

/** How long SEI and the engine answer a create with an identical earlier export. */
export const REUSE_WINDOW_MS = 30 * 60_000;

/**
 * An identical export made through the dashboard in the last 30 minutes (by anyone who may see
 * the scope, as the registry decides access by scope), with its status, unless the newest such one
 * failed. A page that reads several exports at once (home) finds the ones already made this way,
 * without a create: no upstream job asked for, and none of the user's create limit spent. Null when
 * there is none, or its status cannot be read: the caller then creates as usual.
 */
export async function recentExportFor(
  ctx: ProxyContext,
  body: unknown,
  now = Date.now(),
): Promise<ExportStatusView | null> {
  const { params, scope } = await parseCreate(ctx, body, "reuse");
  const { org, project } = ctx.sei.identifiers;
  const key = exportParamsKey(params, org, project);
  const found = (await recentExports(ctx.db, ctx.sei.connection, scope, now - REUSE_WINDOW_MS)).find(
    (e) => exportParamsKey(e.params, org, project) === key,
  );
  if (!found) return null;
  try {
    const status = statusView(found, await ctx.sei.exportStatus(found.id, ctx.signal));
    return status.status === "FAILED" ? null : status;
  } catch {
    return null;
  }
}
