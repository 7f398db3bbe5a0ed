import "server-only";
import type { NextRequest } from "next/server";
import type { User } from "@/lib/auth";
import type { ServerEnv } from "@/lib/server";
import type { Store } from "@/lib/store";
import { getSeiClient, type SeiDeps } from "@/lib/sei";
import type { ProxyContext } from "./service";

/** What the dashboard's service runs on; the composition root passes its runtime. */
export type DashboardDeps = SeiDeps & { env: ServerEnv; db: Store };

/** What every proxy route needs: the user, the store, the SEI client, and the request's abort signal. */
export function proxyContext(req: NextRequest, ctx: { user: User; runtime: DashboardDeps }): ProxyContext {
  return { user: ctx.user, db: ctx.runtime.db, sei: getSeiClient(ctx.runtime), signal: req.signal };
}

/** NEXTAUTH_URL's origin: the one origin state-changing requests may come from (else the request's own). */
export const allowedOrigin = (runtime: DashboardDeps): string | null =>
  runtime.env.NEXTAUTH_URL ? new URL(runtime.env.NEXTAUTH_URL).origin : null;

/** The only headers a proxy JSON answer carries besides the content type. */
export const NO_STORE = { "Cache-Control": "private, no-store" };
