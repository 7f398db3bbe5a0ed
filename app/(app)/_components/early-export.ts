import "server-only";
import type { User } from "@/lib/auth";
import { exportRequest, type EarlyAnswer, type EarlyExport, type ViewScope } from "@/lib/browser";
import { createExportFor, exportStatusFor } from "@/lib/dashboard";
import { ApiError, publicConfig } from "@/lib/server";
import { getRuntime } from "@/lib/runtime";
import { getSeiClient } from "@/lib/sei";
import { viewOf, type PageSearch } from "./view-search";

/**
 * Opening a view creates (or reuses) its export. The page starts that here, while the browser
 * is still loading the page's code, and streams the answer to it: one round trip fewer, and no
 * poll at all when the export is already final. Any failure resolves to null, and the browser
 * then asks the proxy itself and shows the error as usual; SEI not answering in time is handed
 * over instead, so that the browser tries again at once and says so. (A router prefetch of a view does not
 * render the page, these pages being dynamic, so it creates nothing.)
 */
export async function startEarlyExport(user: User, scope: ViewScope, search: PageSearch): Promise<EarlyAnswer | null> {
  const view = viewOf(search);
  return startExportAnswer(user, exportRequest(scope, view, view, publicConfig().features.newerMetrics));
}

type DashboardCtx = Parameters<typeof createExportFor>[0];
type ExportBody = EarlyAnswer["body"];

/**
 * Creates (or reuses) the export of `body` for `user` through the proxy's own code path (the same
 * access check, rate limit and registry) and answers as above. `found` may answer first from an
 * export it finds without a create; null lets the create go on.
 */
export async function startExportAnswer(
  user: User,
  body: ExportBody,
  found?: (ctx: DashboardCtx) => Promise<EarlyAnswer | null>,
): Promise<EarlyAnswer | null> {
  try {
    const runtime = await getRuntime();
    const ctx = { user, db: runtime.db, sei: getSeiClient(runtime) };
    const answer = found ? await found(ctx) : null;
    if (answer) return answer;
    const created = await createExportFor(ctx, body);
    const final = created.status === "COMPLETED" || created.status === "FAILED";
    return {
      body,
      created: { ...created, status: created.status as EarlyExport["created"]["status"] },
      status: final ? await exportStatusFor(ctx, created.export.id) : null,
    };
  } catch (err) {
    if (err instanceof ApiError && err.code === "UPSTREAM_UNREACHABLE")
      return { body, problem: { status: err.status, code: err.code, message: err.message } };
    return null;
  }
}
