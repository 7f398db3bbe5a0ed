import "server-only";
import { InterruptedError, mapLimited } from "../api-client";
import { appendEvents, type NewEvent } from "../events";
import { finishImport, importProgress, startImport } from "../imports";
import { deploymentRuleFor } from "../mapping/rules";
import { currentMapping } from "../mapping/store";
import type { Scope } from "../scope";
import type { Sources } from "../service";
import { gitlabClient, type GitlabClient, type Page } from "./client";
import { GITLAB_EVENTS } from "./extract";

// `npm run import -- gitlab --project group/sub/name [--since DATE] [--api-url URL]`
// (shared/spec/sources.md): every page of the project's merge requests (with the commits of the
// merged ones), deployments, pipelines (with their finish times, and their jobs when the mapping
// deploys by a job) and issues, written to the event log as the webhook events they would have been,
// so the same mapping makes the same records of them. Issues are read with keyset pagination where
// GitLab offers it (GitLab 18.3 and later), the rest by page number, as GitLab paginates them. Rate
// limits are honoured (a 429's Retry-After or RateLimit-Reset), failed requests retried, and the
// position kept after every page, so a run stopped by Ctrl-C or a lost connection resumes there.

export interface GitlabImportOptions {
  /** The project's full path: `group/sub/name`. */
  project: string;
  /** Only what was created or updated at or after this instant (epoch ms). */
  since?: number;
  /** GitLab's address (`https://gitlab.com` by default); a trailing `/api/v4` is allowed. */
  apiUrl?: string;
  token?: string;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /** Items per page (GitLab's maximum, 100, unless a test asks for less). */
  pageSize?: number;
  /** Requests for one page's details (commits, pipelines) made at once. */
  concurrency?: number;
  /** The first wait before retrying a failed request (ms; doubles each time; 1000 unless a test asks for less). */
  retryBaseMs?: number;
}

export interface GitlabImportResult {
  status: "done" | "interrupted";
  resumed: boolean;
  pages: number;
  items: number;
  newEvents: number;
}

const PHASES = ["merge_requests", "deployments", "pipelines", "issues"] as const;
type Phase = (typeof PHASES)[number];

interface Cursor {
  phase: Phase;
  /** The page number (offset pagination). */
  page: number;
  /** The keyset cursor of the next page, when the phase reads by keyset. */
  keyset: string | null;
  since: number | null;
}

type Item = Record<string, unknown>;

const PROJECT_PATH = /^[\w.-]+(\/[\w.-]+)+$/;

export async function importGitlab(
  sources: Sources,
  scope: Scope,
  opts: GitlabImportOptions,
): Promise<GitlabImportResult> {
  if (!PROJECT_PATH.test(opts.project) || opts.project.length > 300)
    throw new Error(
      `--project must be a project's full path, group/name or group/sub/name (got "${opts.project.slice(0, 100)}")`,
    );
  const say = opts.onProgress ?? (() => undefined);
  const api = gitlabClient({
    apiUrl: opts.apiUrl,
    token: opts.token,
    signal: opts.signal,
    say,
    retryBaseMs: opts.retryBaseMs ?? 1000,
  });
  const run = await startImport(sources.db, scope, "gitlab", opts.project);
  const saved = run.cursor as Cursor | null;
  let cursor: Cursor =
    saved && saved.since === (opts.since ?? null)
      ? saved
      : { phase: "merge_requests", page: 1, keyset: null, since: opts.since ?? null };
  if (run.resumed && cursor === saved) say(`Resuming at ${cursor.phase}, page ${cursor.page}.`);
  const stats = { pages: 0, items: 0, newEvents: 0 };
  try {
    const info = await api.project(opts.project);
    const project = { id: info.id, path_with_namespace: info.path_with_namespace };
    const { mapping } = await currentMapping(sources.db, scope);
    const rule = deploymentRuleFor(mapping, project.path_with_namespace);
    const ctx: Context = {
      api,
      project,
      opts,
      sources,
      scope,
      deployJobs: rule.from === "workflow",
      event: (type, delivery, body) => ({
        scope,
        source: "gitlab",
        deliveryId: `import:${project.path_with_namespace}/${delivery}`,
        type,
        receivedAt: Date.now(),
        body: JSON.stringify({ ...body, project }),
        signature: "imported",
      }),
    };
    for (const phase of PHASES.slice(PHASES.indexOf(cursor.phase))) {
      for (;;) {
        if (opts.signal?.aborted) throw new InterruptedError();
        const at = cursor.phase === phase ? cursor : { phase, page: 1, keyset: null, since: cursor.since };
        const page = await fetchPage(ctx, phase, at);
        const events = await eventsOf(ctx, phase, page.items, cursor.since);
        stats.newEvents += await appendEvents(sources.db, events);
        stats.pages++;
        stats.items += page.items.length;
        cursor = page.next
          ? { phase, page: at.page + 1, keyset: page.next.keyset, since: cursor.since }
          : nextPhase(phase, cursor.since);
        await importProgress(sources.db, run.id, { phase, done: stats.items, events: stats.newEvents, cursor });
        sources.mapper.kick();
        say(`${phase}: page ${at.page}, ${page.items.length} items (${stats.newEvents} new events so far)`);
        if (!page.next) break;
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
    ? { phase: PHASES[i + 1]!, page: 1, keyset: null, since }
    : { phase, page: Number.MAX_SAFE_INTEGER, keyset: null, since };
}

interface Context {
  api: GitlabClient;
  project: { id: number; path_with_namespace: string };
  opts: GitlabImportOptions;
  sources: Sources;
  scope: Scope;
  /** Whether the mapping deploys this project by a pipeline job (the pipelines' jobs are read then). */
  deployJobs: boolean;
  event: (type: string, delivery: string, body: object) => NewEvent;
}

function fetchPage(ctx: Context, phase: Phase, at: Cursor): Promise<Page<Item>> {
  const perPage = ctx.opts.pageSize ?? 100;
  const updatedAfter = at.since === null ? undefined : new Date(at.since).toISOString();
  const id = ctx.project.id;
  switch (phase) {
    case "merge_requests":
      // By creation, oldest first: a page holds the same merge requests however long the import takes.
      return ctx.api.mergeRequests(id, { page: at.page, perPage, updatedAfter });
    case "deployments":
      return ctx.api.deployments(id, { page: at.page, perPage, updatedAfter });
    case "pipelines":
      return ctx.api.pipelines(id, { page: at.page, perPage, updatedAfter });
    case "issues":
      return ctx.api.issues(id, { page: at.page, keyset: at.keyset, perPage, updatedAfter });
  }
}

const recent = (item: Item, since: number | null) =>
  since === null || Date.parse(String(item.updated_at ?? item.created_at ?? "")) >= since;

async function eventsOf(ctx: Context, phase: Phase, items: Item[], since: number | null): Promise<NewEvent[]> {
  const kept = items.filter((item) => recent(item, since));
  const limit = ctx.opts.concurrency ?? 4;
  switch (phase) {
    case "merge_requests": {
      const out = kept.map((mr) =>
        ctx.event(GITLAB_EVENTS.mergeRequest, `merge_requests/${mr.iid}@${mr.updated_at}`, {
          object_kind: "merge_request",
          object_attributes: mr,
        }),
      );
      const merged = kept.filter((mr) => mr.state === "merged");
      out.push(...(await mapLimited(merged, limit, (mr) => commitsEvent(ctx, mr))).flat());
      return out;
    }
    case "deployments":
      return kept.flatMap((d) => deploymentEvents(ctx, d));
    case "pipelines":
      return mapLimited(kept, limit, async (listed) => {
        // The list has no finish time; the pipeline itself (and its jobs) does.
        const pipeline = await ctx.api.pipeline(ctx.project.id, Number(listed.id));
        const builds = ctx.deployJobs ? await ctx.api.pipelineJobs(ctx.project.id, Number(listed.id)) : [];
        return ctx.event(GITLAB_EVENTS.pipeline, `pipelines/${listed.id}@${listed.updated_at}`, {
          object_kind: "pipeline",
          object_attributes: pipeline,
          builds,
        });
      });
    case "issues":
      return kept.map((issue) =>
        ctx.event(GITLAB_EVENTS.issue, `issues/${issue.iid}@${issue.updated_at}`, {
          object_kind: "issue",
          object_attributes: issue,
        }),
      );
  }
}

/** A deployment as its Deployment Hooks: running when its job started, then its final status. */
function deploymentEvents(ctx: Context, d: Item): NewEvent[] {
  const job = (d.deployable ?? null) as { id?: number; started_at?: string | null; finished_at?: string | null } | null;
  const environment = (d.environment as { name?: string } | null)?.name;
  const hook = (status: string, at: unknown) => ({
    object_kind: "deployment",
    status,
    status_changed_at: at,
    deployment_id: d.id,
    deployable_id: job?.id ?? null,
    environment,
  });
  const out: NewEvent[] = [];
  if (job?.started_at)
    out.push(ctx.event(GITLAB_EVENTS.deployment, `deployments/${d.id}@running`, hook("running", job.started_at)));
  const status = String(d.status);
  if (status !== "running" && status !== "created")
    out.push(
      ctx.event(
        GITLAB_EVENTS.deployment,
        `deployments/${d.id}@${status}`,
        hook(status, job?.finished_at ?? d.updated_at),
      ),
    );
  return out;
}

/** A merged merge request's commits (their author dates give its first commit), once per head. */
async function commitsEvent(ctx: Context, mr: Item): Promise<NewEvent[]> {
  const delivery = `merge_requests/${mr.iid}/commits@${String(mr.sha ?? mr.updated_at)}`;
  const known = await ctx.sources.db
    .selectFrom("source_events")
    .select("id")
    .where("org_id", "=", ctx.scope.org)
    .where("project_id", "=", ctx.scope.project)
    .where("source", "=", "gitlab")
    .where("delivery_id", "=", `import:${ctx.project.path_with_namespace}/${delivery}`)
    .executeTakeFirst();
  if (known) return [];
  const commits = await ctx.api.mergeRequestCommits(ctx.project.id, Number(mr.iid));
  return [
    ctx.event(GITLAB_EVENTS.mergeRequestCommits, delivery, {
      merge_request: { iid: mr.iid },
      commits: commits.map((c) => ({ id: c.id, authored_date: c.authored_date, committed_date: c.committed_date })),
    }),
  ];
}
