import "server-only";

// The importers' one way to read a REST API that has no client of its own here (PagerDuty, Jira):
// JSON over GET, a rate limit's 429 waited out (Retry-After, else the RateLimit reset), a dropped
// connection or a 5xx tried again (after 1, 4 and 9 s), anything else an error naming the status.
// Never puts the token in a message.

export interface ApiClient {
  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T>;
}

export interface ApiClientOptions {
  /** The vendor's name, for messages. */
  name: string;
  baseUrl: string;
  headers: Record<string, string>;
  signal?: AbortSignal;
  say: (message: string) => void;
  /** Milliseconds per second of a wait (1000; less in tests). */
  secondMs?: number;
}

/** Attempts at one request after a dropped connection or a 5xx. */
const RETRIES = 3;
/** 429 answers waited out for one request before giving up. */
const RATE_LIMIT_WAITS = 10;
const MAX_WAIT_S = 300;

export class InterruptedError extends Error {
  constructor() {
    super("interrupted");
    this.name = "InterruptedError";
  }
}

/** `fn` on every item, at most `limit` at a time (an importer's requests per page); results in order. */
export async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export function apiClient(opts: ApiClientOptions): ApiClient {
  const unit = opts.secondMs ?? 1000;
  const base = opts.baseUrl.replace(/\/+$/, "");
  return {
    async get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
      const url = new URL(`${base}${path}`);
      for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.append(k, String(v));
      let failures = 0;
      let limited = 0;
      for (;;) {
        if (opts.signal?.aborted) throw new InterruptedError();
        let res: Response;
        try {
          res = await fetch(url, { headers: opts.headers, signal: opts.signal });
        } catch (err) {
          if (opts.signal?.aborted) throw new InterruptedError();
          if (++failures > RETRIES)
            throw new Error(`${opts.name} could not be reached for GET ${url.pathname}: ${causeOf(err)}`);
          opts.say(`${opts.name}: the connection failed (${causeOf(err)}); trying again in ${failures ** 2} s`);
          await sleep(failures ** 2 * unit, opts.signal);
          continue;
        }
        if (res.ok) return (await res.json()) as T;
        const text = (await res.text().catch(() => "")).slice(0, 300);
        if (res.status === 429 && ++limited <= RATE_LIMIT_WAITS) {
          const wait = waitSeconds(res.headers);
          opts.say(`${opts.name}'s rate limit: waiting ${wait} s before GET ${url.pathname}`);
          await sleep(wait * unit, opts.signal);
          continue;
        }
        if (res.status >= 500 && ++failures <= RETRIES) {
          opts.say(`${opts.name} answered ${res.status}; trying again in ${failures ** 2} s`);
          await sleep(failures ** 2 * unit, opts.signal);
          continue;
        }
        throw new ApiAnswerError(opts.name, res.status, url.pathname, text);
      }
    },
  };
}

export class ApiAnswerError extends Error {
  constructor(
    name: string,
    readonly status: number,
    path: string,
    body: string,
  ) {
    super(`${name} answered ${status} for GET ${path}${body ? `: ${body.replace(/\s+/g, " ")}` : ""}`);
    this.name = "ApiAnswerError";
  }
}

/** Retry-After, else a RateLimit-Reset or X-RateLimit-Reset, else 1 s (at least 1, at most 300). */
function waitSeconds(headers: Headers): number {
  let s = secondsFrom(headers.get("retry-after"));
  if (!Number.isFinite(s)) s = secondsFrom(headers.get("ratelimit-reset") ?? headers.get("x-ratelimit-reset"));
  if (!Number.isFinite(s)) s = 1;
  return Math.min(Math.max(Math.ceil(s), 1), MAX_WAIT_S);
}

/** Seconds from now: a number of seconds, an epoch in seconds (Jira, GitHub), or an HTTP or ISO date. */
function secondsFrom(value: string | null): number {
  if (value === null || value.trim() === "") return NaN;
  const n = Number(value);
  if (Number.isFinite(n)) return n > 1e9 ? n - Date.now() / 1000 : n;
  return (Date.parse(value) - Date.now()) / 1000;
}

const causeOf = (err: unknown): string => {
  const cause = (err as { cause?: { code?: string; message?: string } } | null)?.cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : "error");
};

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
