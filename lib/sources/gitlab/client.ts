import "server-only";
import { Gitlab } from "@gitbeaker/rest";
import { createRequesterFn, type RequestOptions } from "@gitbeaker/requester-utils";

// The one module that talks to GitLab's REST API v4, through @gitbeaker/rest (its resources, its
// authentication and query formatting) with a request handler of Fourfold's own: gitbeaker's retries a
// 429 after a few milliseconds whatever GitLab says, and not a dropped connection. This one waits as
// GitLab's 429 says (Retry-After, else RateLimit-Reset), retries a lost connection or a 5xx with a
// growing wait, stops when the import is stopped, and never prints the answer's body.

type Item = Record<string, unknown>;

/** One page of a list, and where the next one is (null: it was the last). */
export interface Page<T> {
  items: T[];
  next: { keyset: string | null } | null;
}

export interface ClientOptions {
  apiUrl?: string;
  token?: string;
  signal?: AbortSignal;
  say: (message: string) => void;
  /** The first wait before a retry (ms), doubled each time. */
  retryBaseMs: number;
  /** Retries of one request before it fails. */
  retries?: number;
}

export class GitlabApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "GitlabApiError";
  }
}

const MAX_WAIT_MS = 15 * 60_000;

const HINTS: Record<number, string> = {
  401: "is FOURFOLD_GITLAB_TOKEN set to a valid token?",
  403: "does the token have the read_api scope and access to the project?",
  404: "check --project, --api-url, and that the token can see the project",
};

/** How long a 429 asks to wait (ms): Retry-After (seconds or a date), else RateLimit-Reset (epoch s). */
export function rateLimitWait(headers: Headers, now = Date.now()): number | null {
  const retryAfter = headers.get("retry-after");
  if (retryAfter !== null) {
    if (/^\d+$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const reset = headers.get("ratelimit-reset");
  if (reset !== null && /^\d+$/.test(reset.trim())) return Math.max(0, Number(reset) * 1000 - now);
  return null;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function requestHandler(opts: ClientOptions) {
  const retries = opts.retries ?? 5;
  return async (endpoint: string, options?: Record<string, unknown>) => {
    const o = (options ?? {}) as RequestOptions;
    const prefix = o.prefixUrl ? (o.prefixUrl.endsWith("/") ? o.prefixUrl : `${o.prefixUrl}/`) : undefined;
    const url = new URL(endpoint, prefix);
    url.search = o.searchParams ?? "";
    const what = `${o.method ?? "GET"} ${url.pathname}`;
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        // gitbeaker's own signal is its query timeout: a request that timed out is retried, a stop is not.
        const signals = [opts.signal, o.signal].filter((s): s is AbortSignal => s !== undefined);
        res = await fetch(url, {
          method: o.method ?? "GET",
          headers: o.headers,
          body: o.body,
          signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
        });
      } catch (err) {
        if (opts.signal?.aborted) throw err;
        if (attempt >= retries) throw new GitlabApiError(`${what}: the connection failed ${attempt + 1} times`, 0);
        const wait = opts.retryBaseMs * 2 ** attempt;
        opts.say(`The connection to GitLab failed: retrying ${what} in ${(wait / 1000).toFixed(1)} s`);
        await sleep(wait, opts.signal);
        continue;
      }
      if (res.ok) {
        const type = res.headers.get("content-type") ?? "";
        const body = res.status === 204 ? null : type.includes("json") ? await res.json() : await res.text();
        return { body, headers: Object.fromEntries(res.headers.entries()), status: res.status };
      }
      await res.arrayBuffer().catch(() => undefined);
      const limited = res.status === 429;
      if ((limited || res.status >= 500) && attempt < retries) {
        const asked = limited ? rateLimitWait(res.headers) : null;
        const wait = Math.min(MAX_WAIT_MS, asked ?? opts.retryBaseMs * 2 ** attempt);
        opts.say(
          limited
            ? `GitLab's rate limit: waiting ${Math.ceil(wait / 1000)} s before ${what}`
            : `GitLab answered ${res.status}: retrying ${what} in ${(wait / 1000).toFixed(1)} s`,
        );
        await sleep(wait, opts.signal);
        continue;
      }
      const hint = HINTS[res.status];
      throw new GitlabApiError(
        `${what}: GitLab answered ${res.status} ${res.statusText}`.trim() + (hint ? ` (${hint})` : ""),
        res.status,
      );
    }
  };
}

const defined = (query: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));

/** `https://gitlab.example.com` or `…/api/v4` alike, as gitbeaker's host. */
const hostOf = (apiUrl: string | undefined) =>
  (apiUrl ?? "https://gitlab.com").replace(/\/+$/, "").replace(/\/api\/v4$/, "");

export function gitlabClient(opts: ClientOptions) {
  const api = new Gitlab({
    host: hostOf(opts.apiUrl),
    ...(opts.token ? { token: opts.token } : {}),
    requesterFn: createRequesterFn(async (_resource, request) => request, requestHandler(opts)),
  } as ConstructorParameters<typeof Gitlab>[0]);
  const requester = api.Projects.requester;

  /** A page by number (GitLab's offset pagination): the next page is `x-next-page`'s. */
  async function offsetPage(endpoint: string, query: Record<string, unknown>): Promise<Page<Item>> {
    const res = await requester.get<Item[]>(endpoint, { searchParams: defined(query) });
    const next = res.headers["x-next-page"];
    return { items: res.body, next: next ? { keyset: null } : null };
  }

  type List = { page: number; perPage: number; updatedAfter?: string };

  return {
    async project(path: string): Promise<{ id: number; path_with_namespace: string }> {
      const p = (await api.Projects.show(path)) as unknown as { id: number; path_with_namespace: string };
      return { id: p.id, path_with_namespace: p.path_with_namespace };
    },
    mergeRequests: (id: number, l: List) =>
      offsetPage(`projects/${id}/merge_requests`, {
        state: "all",
        orderBy: "created_at",
        sort: "asc",
        page: l.page,
        perPage: l.perPage,
        updatedAfter: l.updatedAfter,
      }),
    async mergeRequestCommits(id: number, iid: number): Promise<Item[]> {
      return (await api.MergeRequests.allCommits(id, iid, { perPage: 100 })) as unknown as Item[];
    },
    deployments: (id: number, l: List) =>
      offsetPage(`projects/${id}/deployments`, {
        orderBy: "id",
        sort: "asc",
        page: l.page,
        perPage: l.perPage,
        updatedAfter: l.updatedAfter,
      }),
    pipelines: (id: number, l: List) =>
      offsetPage(`projects/${id}/pipelines`, {
        orderBy: "id",
        sort: "asc",
        page: l.page,
        perPage: l.perPage,
        updatedAfter: l.updatedAfter,
      }),
    async pipeline(id: number, pipelineId: number): Promise<Item> {
      return (await api.Pipelines.show(id, pipelineId)) as unknown as Item;
    },
    async pipelineJobs(id: number, pipelineId: number): Promise<Item[]> {
      return (await api.Jobs.all(id, { pipelineId, perPage: 100 })) as unknown as Item[];
    },
    /**
     * Issues by keyset (GitLab 18.3 and later): the next page is the `cursor` of the `link` GitLab
     * gives. An older GitLab ignores the keyset request and pages by number; both are followed.
     */
    async issues(id: number, l: List & { keyset: string | null }): Promise<Page<Item>> {
      const res = await requester.get<Item[]>(`projects/${id}/issues`, {
        searchParams: defined({
          pagination: "keyset",
          orderBy: "created_at",
          sort: "asc",
          perPage: l.perPage,
          updatedAfter: l.updatedAfter,
          ...(l.keyset ? { cursor: l.keyset } : l.page > 1 ? { page: l.page } : {}),
        }),
      });
      const link = /<([^>]+)>;\s*rel="next"/.exec(res.headers.link ?? "")?.[1];
      const cursor = link ? new URL(link).searchParams.get("cursor") : null;
      if (cursor) return { items: res.body, next: { keyset: cursor } };
      return { items: res.body, next: res.headers["x-next-page"] ? { keyset: null } : null };
    },
  };
}

export type GitlabClient = ReturnType<typeof gitlabClient>;
