import "server-only";
import { ApiAnswerError, apiClient, InterruptedError, type ApiClient } from "../api-client";
import { appendEvents, type NewEvent } from "../events";
import { finishImport, importProgress, startImport } from "../imports";
import type { Scope } from "../scope";
import type { Sources } from "../service";
import { JIRA_IMPORTED } from "./extract";

// `npm run import -- jira --jql '…' [--api-url URL]` (shared/spec/sources.md): the issues the JQL
// finds, through Jira Cloud's search (GET /rest/api/3/search/jql, `expand=changelog`, pages by
// `nextPageToken`), each with its whole status history: the changelog's own endpoint is read when the
// search cut it short. The categories of the statuses (GET /rest/api/3/status) say which moves were
// into work. Each issue goes to the event log as it is now; the position is kept after every page.

export interface JiraImportOptions {
  jql: string;
  /** The Jira site, e.g. https://acme.atlassian.net. */
  apiUrl: string;
  email?: string;
  token?: string;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /** Issues per page (100 unless a test asks for less). */
  pageSize?: number;
  /** Milliseconds per second of a wait (1000 unless a test asks for less). */
  secondMs?: number;
}

export interface JiraImportResult {
  status: "done" | "interrupted";
  resumed: boolean;
  pages: number;
  items: number;
  newEvents: number;
}

interface Cursor {
  jql: string;
  page: number;
  nextPageToken: string | null;
}

type Obj = Record<string, unknown>;
interface History {
  created: string;
  items: { field?: string; fieldId?: string; from?: string | null; to?: string | null }[];
}
interface Issue {
  id: string;
  key: string;
  fields: Obj & { status?: { id?: string } };
  changelog?: { histories?: History[]; total?: number };
}

const FIELDS = "project,status,created,updated,resolutiondate";

export async function importJira(sources: Sources, scope: Scope, opts: JiraImportOptions): Promise<JiraImportResult> {
  const say = opts.onProgress ?? (() => undefined);
  const api = apiClient({
    name: "Jira",
    baseUrl: opts.apiUrl,
    headers: { accept: "application/json", ...authorization(opts) },
    signal: opts.signal,
    say,
    secondMs: opts.secondMs,
  });
  const run = await startImport(sources.db, scope, "jira", opts.jql.slice(0, 500));
  const saved = run.cursor as Cursor | null;
  let cursor: Cursor = saved && saved.jql === opts.jql ? saved : { jql: opts.jql, page: 1, nextPageToken: null };
  if (run.resumed && cursor === saved) say(`Resuming at page ${cursor.page}.`);
  const stats = { pages: 0, items: 0, newEvents: 0 };
  try {
    const categories = await statusCategories(api);
    for (;;) {
      if (opts.signal?.aborted) throw new InterruptedError();
      let page: { issues?: Issue[]; nextPageToken?: string | null; isLast?: boolean };
      try {
        page = await api.get("/rest/api/3/search/jql", {
          jql: opts.jql,
          fields: FIELDS,
          expand: "changelog",
          maxResults: opts.pageSize ?? 100,
          nextPageToken: cursor.nextPageToken ?? undefined,
        });
      } catch (err) {
        // A page token lives seven days: an old run's is refused, and the search starts again.
        if (!(err instanceof ApiAnswerError && err.status === 400 && cursor.nextPageToken !== null)) throw err;
        say("The saved position has expired; reading from the first page again.");
        cursor = { jql: opts.jql, page: 1, nextPageToken: null };
        continue;
      }
      const issues = page.issues ?? [];
      const events: NewEvent[] = [];
      for (const issue of issues) events.push(eventOf(scope, issue, await histories(api, issue), categories));
      stats.newEvents += await appendEvents(sources.db, events);
      stats.pages++;
      stats.items += issues.length;
      const next = page.isLast === true || !page.nextPageToken ? null : page.nextPageToken;
      say(`issues: page ${cursor.page}, ${issues.length} issues (${stats.newEvents} new events so far)`);
      cursor = { jql: opts.jql, page: cursor.page + 1, nextPageToken: next };
      await importProgress(sources.db, run.id, {
        phase: "issues",
        done: stats.items,
        events: stats.newEvents,
        cursor: next === null ? undefined : cursor,
      });
      sources.mapper.kick();
      if (next === null) break;
    }
    say("Mapping the new events…");
    await sources.mapper.idle();
    await finishImport(sources.db, run.id, "done", null);
    return { status: "done", resumed: run.resumed, ...stats };
  } catch (err) {
    if (opts.signal?.aborted || err instanceof InterruptedError) {
      await sources.mapper.idle();
      await finishImport(
        sources.db,
        run.id,
        "interrupted",
        `stopped at page ${cursor.page}; run the same command to resume`,
      );
      return { status: "interrupted", resumed: run.resumed, ...stats };
    }
    const message = err instanceof Error ? err.message : String(err);
    await finishImport(
      sources.db,
      run.id,
      "failed",
      `${message} (at page ${cursor.page}; run the same command to resume)`,
    );
    throw err;
  }
}

/** Jira Cloud takes an account's email and an API token (basic); a Data Center token alone is a bearer. */
function authorization(opts: JiraImportOptions): Record<string, string> {
  if (opts.email && opts.token)
    return { authorization: `Basic ${Buffer.from(`${opts.email}:${opts.token}`).toString("base64")}` };
  if (opts.token) return { authorization: `Bearer ${opts.token}` };
  return {};
}

/** Each status's category key (`new`, `indeterminate`, `done`), by status id. */
async function statusCategories(api: ApiClient): Promise<Map<string, string>> {
  const statuses = await api.get<{ id?: string; statusCategory?: { key?: string } }[]>("/rest/api/3/status");
  const out = new Map<string, string>();
  for (const s of Array.isArray(statuses) ? statuses : [])
    if (s.id && s.statusCategory?.key) out.set(String(s.id), s.statusCategory.key);
  return out;
}

/** The issue's whole changelog: what the search gave, else the changelog endpoint, page by page. */
async function histories(api: ApiClient, issue: Issue): Promise<History[]> {
  const given = issue.changelog?.histories ?? [];
  const total = issue.changelog?.total ?? given.length;
  if (given.length >= total) return given;
  const all: History[] = [];
  for (let startAt = 0; ;) {
    const page = await api.get<{ values?: History[]; isLast?: boolean; total?: number }>(
      `/rest/api/3/issue/${encodeURIComponent(issue.id)}/changelog`,
      { startAt, maxResults: 100 },
    );
    const values = page.values ?? [];
    all.push(...values);
    startAt += values.length;
    if (values.length === 0 || page.isLast === true || startAt >= (page.total ?? total)) return all;
  }
}

function eventOf(scope: Scope, issue: Issue, all: History[], categories: Map<string, string>): NewEvent {
  // Only the moves between statuses matter; the rest of the history stays in Jira.
  const moves = all
    .map((h) => ({ created: h.created, items: h.items.filter((i) => i.fieldId === "status" || i.field === "status") }))
    .filter((h) => h.items.length > 0);
  const used = new Set<string>();
  for (const h of moves) for (const i of h.items) for (const id of [i.from, i.to]) if (id) used.add(id);
  if (issue.fields.status?.id) used.add(String(issue.fields.status.id));
  const statusCategories: Record<string, string> = {};
  for (const id of used) {
    const category = categories.get(id);
    if (category) statusCategories[id] = category;
  }
  const { changelog: _changelog, ...rest } = issue;
  return {
    scope,
    source: "jira",
    deliveryId: `import:issues/${issue.id}@${String(issue.fields.updated ?? issue.fields.created ?? "")}`.slice(0, 200),
    type: JIRA_IMPORTED,
    receivedAt: Date.now(),
    body: JSON.stringify({ issue: rest, histories: moves, statusCategories }),
    signature: "imported",
  };
}
