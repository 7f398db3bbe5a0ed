import "server-only";
import { Octokit } from "@octokit/rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { InterruptedError, mapLimited } from "../api-client";
import { appendEvents, type NewEvent } from "../events";
import { finishImport, importProgress, startImport } from "../imports";
import type { Scope } from "../scope";
import type { Sources } from "../service";

// `npm run import -- github --repo owner/name [--since DATE] [--api-url URL]` (shared/spec/sources.md):
// every page of the repository's pull requests (with their commits), deployments (with their
// statuses), workflow runs and issues, written to the event log as the webhook events they would
// have been, so the same mapping makes the same records of them. GitHub's rate limits are honoured
// (x-ratelimit-* and secondary limits with retry-after, by @octokit/plugin-throttling), failed
// requests retried (@octokit/plugin-retry), and the position kept after every page, so a run
// stopped by Ctrl-C or a lost connection resumes where it stopped.

export interface GithubImportOptions {
  repo: string;
  /** Only what was created or updated at or after this instant (epoch ms). */
  since?: number;
  apiUrl?: string;
  token?: string;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /** Items per page (GitHub's maximum, 100, unless a test asks for less). */
  pageSize?: number;
  /** Pull requests whose commits are fetched at once. */
  concurrency?: number;
  /** The wait before a retry, per unit of GitHub's retry-after (ms; 1000 unless a test asks for less). */
  retryAfterBaseValue?: number;
}

export interface GithubImportResult {
  status: "done" | "interrupted";
  resumed: boolean;
  pages: number;
  items: number;
  newEvents: number;
}

const PHASES = ["pulls", "deployments", "runs", "issues"] as const;
type Phase = (typeof PHASES)[number];

interface Cursor {
  phase: Phase;
  page: number;
  since: number | null;
}

type Item = Record<string, unknown> & { id?: number; number?: number; updated_at?: string };

export async function importGithub(
  sources: Sources,
  scope: Scope,
  opts: GithubImportOptions,
): Promise<GithubImportResult> {
  const [owner, name] = opts.repo.split("/");
  if (!owner || !name || opts.repo.split("/").length !== 2)
    throw new Error(`--repo must be owner/name (got "${opts.repo.slice(0, 100)}")`);
  const say = opts.onProgress ?? (() => undefined);
  const perPage = opts.pageSize ?? 100;
  const octokit = client(opts, say);
  const run = await startImport(sources.db, scope, "github", opts.repo);
  const saved = run.cursor as Cursor | null;
  let cursor: Cursor =
    saved && saved.since === (opts.since ?? null) ? saved : { phase: "pulls", page: 1, since: opts.since ?? null };
  if (run.resumed && cursor === saved) say(`Resuming at ${cursor.phase}, page ${cursor.page}.`);
  const stats = { pages: 0, items: 0, newEvents: 0 };
  try {
    const repoInfo = await octokit.request("GET /repos/{owner}/{repo}", {
      owner,
      repo: name,
      request: { signal: opts.signal },
    });
    const repository = { id: repoInfo.data.id, full_name: repoInfo.data.full_name, name: repoInfo.data.name };
    const event = (type: string, delivery: string, body: object): NewEvent => ({
      scope,
      source: "github",
      deliveryId: `import:${repository.full_name}/${delivery}`,
      type,
      receivedAt: Date.now(),
      body: JSON.stringify({ ...body, repository }),
      signature: "imported",
    });
    for (const phase of PHASES.slice(PHASES.indexOf(cursor.phase))) {
      for (let page = cursor.phase === phase ? cursor.page : 1; ; page++) {
        if (opts.signal?.aborted) throw new InterruptedError();
        const { items, next } = await fetchPage(octokit, phase, owner, name, page, perPage, cursor.since, opts.signal);
        const context = {
          octokit,
          owner,
          name,
          fullName: repository.full_name,
          since: cursor.since,
          opts,
          event,
          sources,
          scope,
        };
        const events = await eventsOf(phase, items, context);
        stats.newEvents += await appendEvents(sources.db, events);
        stats.pages++;
        stats.items += items.length;
        cursor = next ? { phase, page: page + 1, since: cursor.since } : nextPhase(phase, cursor.since);
        await importProgress(sources.db, run.id, { phase, done: stats.items, events: stats.newEvents, cursor });
        sources.mapper.kick();
        say(`${phase}: page ${page}, ${items.length} items (${stats.newEvents} new events so far)`);
        if (!next) break;
      }
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
        `stopped at ${cursor.phase}, page ${cursor.page}; run the same command to resume`,
      );
      return { status: "interrupted", resumed: run.resumed, ...stats };
    }
    await finishImport(
      sources.db,
      run.id,
      "failed",
      `${err instanceof Error ? err.message : String(err)} (at ${cursor.phase}, page ${cursor.page}; run the same command to resume)`,
    );
    throw err;
  }
}

function nextPhase(phase: Phase, since: number | null): Cursor {
  const i = PHASES.indexOf(phase);
  return i + 1 < PHASES.length
    ? { phase: PHASES[i + 1]!, page: 1, since }
    : { phase, page: Number.MAX_SAFE_INTEGER, since };
}

function client(opts: GithubImportOptions, say: (m: string) => void) {
  const Client = Octokit.plugin(throttling, retry);
  const base = opts.retryAfterBaseValue ?? 1000;
  return new Client({
    auth: opts.token,
    baseUrl: (opts.apiUrl ?? "https://api.github.com").replace(/\/+$/, ""),
    userAgent: "fourfold-importer",
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    retry: { retryAfterBaseValue: base },
    throttle: {
      retryAfterBaseValue: base,
      onRateLimit: (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
        say(`GitHub's rate limit is used up: waiting ${retryAfter} s before ${options.method} ${options.url}`);
        return retryCount < 5;
      },
      onSecondaryRateLimit: (
        retryAfter: number,
        options: { method: string; url: string },
        _o: unknown,
        retryCount: number,
      ) => {
        say(`GitHub's secondary rate limit: waiting ${retryAfter} s before ${options.method} ${options.url}`);
        return retryCount < 5;
      },
    },
  });
}

type Client = ReturnType<typeof client>;

async function fetchPage(
  octokit: Client,
  phase: Phase,
  owner: string,
  repo: string,
  page: number,
  perPage: number,
  since: number | null,
  signal: AbortSignal | undefined,
): Promise<{ items: Item[]; next: boolean }> {
  const common = { owner, repo, per_page: perPage, page, request: { signal } };
  const sinceIso = since === null ? undefined : new Date(since).toISOString();
  let res: { data: unknown; headers: { link?: string } };
  switch (phase) {
    case "pulls":
      // By creation, oldest first: a page holds the same pull requests however long the import takes.
      res = await octokit.request("GET /repos/{owner}/{repo}/pulls", {
        ...common,
        state: "all",
        sort: "created",
        direction: "asc",
      });
      break;
    case "deployments":
      res = await octokit.request("GET /repos/{owner}/{repo}/deployments", common);
      break;
    case "runs":
      res = await octokit.request("GET /repos/{owner}/{repo}/actions/runs", {
        ...common,
        ...(sinceIso ? { created: `>=${sinceIso.slice(0, 10)}` } : {}),
      });
      break;
    case "issues":
      res = await octokit.request("GET /repos/{owner}/{repo}/issues", {
        ...common,
        state: "all",
        sort: "created",
        direction: "asc",
        ...(sinceIso ? { since: sinceIso } : {}),
      });
      break;
  }
  const data = res.data as Item[] | { workflow_runs?: Item[] };
  const items = Array.isArray(data) ? data : (data.workflow_runs ?? []);
  return { items, next: /\brel="next"/.test(res.headers.link ?? "") };
}

interface PageContext {
  octokit: Client;
  owner: string;
  name: string;
  fullName: string;
  since: number | null;
  opts: GithubImportOptions;
  event: (type: string, delivery: string, body: object) => NewEvent;
  sources: Sources;
  scope: Scope;
}

const recent = (item: Item, since: number | null, field = "updated_at") =>
  since === null || Date.parse(String(item[field] ?? item.created_at ?? "")) >= since;

async function eventsOf(phase: Phase, items: Item[], ctx: PageContext): Promise<NewEvent[]> {
  const { event, since } = ctx;
  switch (phase) {
    case "pulls": {
      const kept = items.filter((pr) => recent(pr, since));
      const out = kept.map((pr) =>
        event("pull_request", `pulls/${pr.number}@${pr.updated_at}`, { action: "imported", pull_request: pr }),
      );
      const merged = kept.filter((pr) => pr.merged_at);
      out.push(...(await mapLimited(merged, ctx.opts.concurrency ?? 4, (pr) => commitsEvent(ctx, pr))).flat());
      return out;
    }
    case "deployments": {
      const kept = items.filter((d) => recent(d, since));
      const statuses = await mapLimited(kept, ctx.opts.concurrency ?? 4, async (deployment) => {
        const res = await ctx.octokit.request("GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses", {
          owner: ctx.owner,
          repo: ctx.name,
          deployment_id: Number(deployment.id),
          per_page: 100,
          request: { signal: ctx.opts.signal },
        });
        return (res.data as Item[]).map((status) =>
          event("deployment_status", `deployment_statuses/${status.id}`, {
            action: "created",
            deployment_status: status,
            deployment,
          }),
        );
      });
      return statuses.flat();
    }
    case "runs":
      return items
        .filter((run) => recent(run, since))
        .map((run) =>
          event("workflow_run", `runs/${run.id}@${run.updated_at}`, { action: "completed", workflow_run: run }),
        );
    case "issues":
      // The issues list holds pull requests too; they came with the pulls.
      return items
        .filter((issue) => issue.pull_request === undefined && recent(issue, since))
        .map((issue) => event("issues", `issues/${issue.number}@${issue.updated_at}`, { action: "imported", issue }));
  }
}

/** A merged pull request's commits (oldest first: the first page holds the earliest), once per head. */
async function commitsEvent(ctx: PageContext, pr: Item): Promise<NewEvent[]> {
  const head = (pr.head as { sha?: string } | undefined)?.sha ?? String(pr.updated_at);
  const delivery = `pulls/${pr.number}/commits@${head}`;
  const known = await ctx.sources.db
    .selectFrom("source_events")
    .select("id")
    .where("org_id", "=", ctx.scope.org)
    .where("project_id", "=", ctx.scope.project)
    .where("source", "=", "github")
    .where("delivery_id", "=", `import:${ctx.fullName}/${delivery}`)
    .executeTakeFirst();
  if (known) return [];
  const res = await ctx.octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/commits", {
    owner: ctx.owner,
    repo: ctx.name,
    pull_number: Number(pr.number),
    per_page: 100,
    request: { signal: ctx.opts.signal },
  });
  const commits = (res.data as { sha: string; commit: { author: unknown; committer: unknown } }[]).map((c) => ({
    sha: c.sha,
    commit: { author: c.commit.author, committer: c.commit.committer },
  }));
  return [
    ctx.event("pull_request_commits", delivery, { action: "imported", pull_request: { number: pr.number }, commits }),
  ];
}
