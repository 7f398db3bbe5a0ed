import "server-only";
import { apiClient, InterruptedError, type ApiClient } from "../api-client";
import { appendEvents, type NewEvent } from "../events";
import { finishImport, importProgress, startImport } from "../imports";
import type { Scope } from "../scope";
import type { Sources } from "../service";
import { PAGERDUTY_IMPORTED } from "./extract";

// `npm run import -- pagerduty [--since DATE] [--api-url URL]` (shared/spec/sources.md): the REST
// API's incidents list (GET /incidents), oldest first, a month of creation dates at a time (PagerDuty
// takes at most six months between since and until, and pages only so far by offset), each page by
// offset until `more` is false. Each incident is written to the event log as it is now, so the same
// mapping makes the same incident of it as of its webhooks. The position is kept after every page.

export interface PagerdutyImportOptions {
  /** Incidents created at or after this instant (epoch ms); from the account's first incident when absent. */
  since?: number;
  apiUrl?: string;
  token?: string;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /** Incidents per page (PagerDuty's maximum, 100, unless a test asks for less). */
  pageSize?: number;
  /** Milliseconds per second of a wait (1000 unless a test asks for less). */
  secondMs?: number;
}

export interface PagerdutyImportResult {
  status: "done" | "interrupted";
  resumed: boolean;
  pages: number;
  items: number;
  newEvents: number;
}

/** The creation dates read per query: a month, well inside PagerDuty's six. */
export const WINDOW_MS = 30 * 86_400_000;

interface Cursor {
  since: number | null;
  /** The start of the window being read (epoch ms), null before the first incident was found. */
  window: number | null;
  offset: number;
}

interface IncidentList {
  incidents: (Record<string, unknown> & { id: string; status?: string; created_at?: string })[];
  more?: boolean;
}

export async function importPagerduty(
  sources: Sources,
  scope: Scope,
  opts: PagerdutyImportOptions,
): Promise<PagerdutyImportResult> {
  const say = opts.onProgress ?? (() => undefined);
  const limit = opts.pageSize ?? 100;
  const api = apiClient({
    name: "PagerDuty",
    baseUrl: opts.apiUrl ?? "https://api.pagerduty.com",
    headers: {
      accept: "application/vnd.pagerduty+json;version=2",
      ...(opts.token ? { authorization: `Token token=${opts.token}` } : {}),
    },
    signal: opts.signal,
    say,
    secondMs: opts.secondMs,
  });
  const since = opts.since ?? null;
  const run = await startImport(sources.db, scope, "pagerduty", "incidents");
  const saved = run.cursor as Cursor | null;
  let cursor: Cursor = saved && saved.since === since ? saved : { since, window: since, offset: 0 };
  if (run.resumed && cursor === saved)
    say(`Resuming at ${cursor.window === null ? "the start" : day(cursor.window)}, offset ${cursor.offset}.`);
  const stats = { pages: 0, items: 0, newEvents: 0 };
  const until = Date.now();
  try {
    if (cursor.window === null) {
      const first = await earliest(api);
      if (first === null) say("The account has no incident.");
      cursor = { since, window: first ?? until, offset: 0 };
    }
    while (cursor.window !== null && cursor.window < until) {
      if (opts.signal?.aborted) throw new InterruptedError();
      const end = Math.min(cursor.window + WINDOW_MS, until);
      const page = await api.get<IncidentList>("/incidents", {
        since: new Date(cursor.window).toISOString(),
        until: new Date(end).toISOString(),
        sort_by: "created_at:asc",
        time_zone: "UTC",
        limit,
        offset: cursor.offset,
      });
      const incidents = Array.isArray(page.incidents) ? page.incidents : [];
      stats.newEvents += await appendEvents(
        sources.db,
        incidents.map((incident) => eventOf(scope, incident)),
      );
      stats.pages++;
      stats.items += incidents.length;
      const label = `${day(cursor.window)} to ${day(end)}`;
      cursor =
        page.more === true && incidents.length > 0
          ? { ...cursor, offset: cursor.offset + incidents.length }
          : { ...cursor, window: end, offset: 0 };
      await importProgress(sources.db, run.id, {
        phase: "incidents",
        done: stats.items,
        events: stats.newEvents,
        cursor,
      });
      sources.mapper.kick();
      say(`incidents created ${label}: ${incidents.length} on this page (${stats.newEvents} new events so far)`);
    }
    say("Mapping the new events…");
    await sources.mapper.idle();
    await finishImport(sources.db, run.id, "done", null);
    return { status: "done", resumed: run.resumed, ...stats };
  } catch (err) {
    const where = `at ${cursor.window === null ? "the start" : day(cursor.window)}, offset ${cursor.offset}`;
    if (opts.signal?.aborted || err instanceof InterruptedError) {
      await sources.mapper.idle();
      await finishImport(sources.db, run.id, "interrupted", `stopped ${where}; run the same command to resume`);
      return { status: "interrupted", resumed: run.resumed, ...stats };
    }
    const message = err instanceof Error ? err.message : String(err);
    await finishImport(sources.db, run.id, "failed", `${message} (${where}; run the same command to resume)`);
    throw err;
  }
}

/** The creation time of the account's first incident, or null when it has none. */
async function earliest(api: ApiClient): Promise<number | null> {
  const page = await api.get<IncidentList>("/incidents", { date_range: "all", sort_by: "created_at:asc", limit: 1 });
  const first = Date.parse(String(page.incidents?.[0]?.created_at ?? ""));
  return Number.isFinite(first) ? first : null;
}

/** An incident as it is now; a new state (resolved, reopened) is a new delivery, the same one is not. */
function eventOf(scope: Scope, incident: IncidentList["incidents"][number]): NewEvent {
  const changed = String(incident.last_status_change_at ?? incident.created_at ?? "");
  return {
    scope,
    source: "pagerduty",
    deliveryId: `import:incidents/${incident.id}@${incident.status ?? "unknown"}:${changed}`.slice(0, 200),
    type: PAGERDUTY_IMPORTED,
    receivedAt: Date.now(),
    body: JSON.stringify({ incident }),
    signature: "imported",
  };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
