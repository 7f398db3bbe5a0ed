import "server-only";
import type { User } from "@/lib/auth";
import { parseCsvText, type EarlyAnswer, type ViewScope } from "@/lib/browser";
import { downloadFor, recentExportFor } from "@/lib/dashboard";
import { log, readStreamText } from "@/lib/server";
import { getRuntime } from "@/lib/runtime";
import { getSeiClient } from "@/lib/sei";
import { startExportAnswer } from "../early-export";
import { PREPARED_VIEW_MAX_BYTES } from "../prepare-view";
import { homeExportBody, homeLevels, type HomeLevels, type HomeMonths } from "./home-levels";

/** Levels read from complete exports, by export, scope and month: the oldest go first. */
const LEVELS_KEPT = 500;
const levelsRead = new Map<string, HomeLevels>();

/**
 * A home card's export, created (or, within 30 minutes, reused) through the proxy's own code path,
 * as a view's page does: the same access check, rate limit and registry. Null on any failure (the
 * browser then asks itself and shows the error); SEI not answering is handed over as a problem.
 */
export async function startHomeExport(user: User, scope: ViewScope, months: HomeMonths): Promise<EarlyAnswer | null> {
  const body = homeExportBody(scope, months);
  // Home reads several exports at each visit: one made within 30 minutes is found without a
  // create, which would spend the user's create limit (20 a minute) on every reload.
  return startExportAnswer(user, body, async (ctx) => {
    const recent = await recentExportFor(ctx, body);
    if (!recent) return null;
    const { id, scope: registered, params, createdBy, createdAt } = recent;
    const created = { export: { id, scope: registered, params, createdBy, createdAt }, status: recent.status };
    return { body, created: { ...created, reused: true }, status: recent.status === "COMPLETED" ? recent : null };
  });
}

/**
 * The card's levels, read here when its export is already complete (a reused one): the page then
 * arrives with them. Null when it is not (the browser waits for it and reads it itself).
 */
export async function readHomeLevels(
  user: User,
  answer: EarlyAnswer | null,
  scope: ViewScope,
  months: HomeMonths,
): Promise<HomeLevels | null> {
  const status = answer && "status" in answer ? answer.status : null;
  if (status?.status !== "COMPLETED") return null;
  // The answer came through the proxy's access check for this user; a complete export never changes.
  const key = `${status.id}|${JSON.stringify(scope)}|${months.last.key}`;
  const kept = levelsRead.get(key);
  if (kept) return kept;
  try {
    const runtime = await getRuntime();
    const { body } = await downloadFor({ user, db: runtime.db, sei: getSeiClient(runtime) }, status.id, "csv");
    const text = await readStreamText(body, PREPARED_VIEW_MAX_BYTES);
    if (text === null) return null;
    const levels = homeLevels(parseCsvText(text), scope, months);
    levelsRead.set(key, levels);
    if (levelsRead.size > LEVELS_KEPT) levelsRead.delete(levelsRead.keys().next().value!);
    return levels;
  } catch (err) {
    log.warn("home.levels", { exportId: status.id, error: err instanceof Error ? err.message : String(err) });
    return null;
  }
}
