import "server-only";
import { Readable } from "node:stream";
import type { ExportStatusResponse, ExportParams, LegacyReportRequest } from "@/lib/dora";
import { ApiError, log } from "@/lib/server";
import type { Directory } from "@/lib/access";
import { toCreated, toStatus } from "../reshape";
import { DEFAULT_LIMITS, type SeiClient, type SeiLimits } from "../types";
import { exportRequestBody, legacyReportBody } from "../upstream-body";
import { networkError, statusError } from "./errors";
import { deadline, type Deadline } from "./deadline";
import {
  abortFailure,
  readText,
  send,
  untilFirstBytes,
  UpstreamNetworkError,
  type Timeouts,
  type UpstreamResponse,
} from "./request";
import { DEFAULT_RETRY, isRetryableStatus, parseRetryAfter, retryDelay, type RetryPolicy } from "./retry";
import { createUrl, endpointsOf, reportUrl, resolveDownloadUrl, statusUrl } from "./urls";

export interface HttpSeiConfig {
  baseUrl: string;
  apiKey: string;
  org: string;
  project: string;
  /** The configured teams and org trees (Harness lists none through this API). */
  directory: () => Promise<Directory>;
  timeouts?: Partial<ClientTimeouts>;
  retry?: Partial<RetryPolicy>;
  limits?: Partial<SeiLimits>;
}

export interface ClientTimeouts extends Timeouts {
  /** The longest a person waits for a create, a poll or a download to open, retries included. */
  deadlineMs: number;
}

export const DEFAULT_TIMEOUTS: ClientTimeouts = {
  connectMs: 5_000,
  headersMs: 30_000,
  bodyIdleMs: 30_000,
  deadlineMs: 20_000,
};
const MAX_JSON_BYTES = 1024 * 1024;
const MAX_REPORT_BYTES = 50 * 1024 * 1024;

type Call = { method: "GET" | "POST"; url: URL; body?: string; retry: boolean; accept: string };

/** The HTTP transport to Harness SEI: the key goes in `x-api-key`, which is what Harness SEI reads. */
export function httpSeiClient(config: HttpSeiConfig): SeiClient {
  const endpoints = endpointsOf(config.baseUrl);
  const timeouts = { ...DEFAULT_TIMEOUTS, ...config.timeouts };
  const policy = { ...DEFAULT_RETRY, ...config.retry };
  const { org, project } = config;

  /** One upstream call with its retries; `endsAt` is the deadline's, past which no retry waits. */
  async function call(c: Call, signal?: AbortSignal, endsAt = Infinity): Promise<UpstreamResponse> {
    // Only these headers go upstream: nothing of the browser's request is forwarded.
    const headers: Record<string, string> = {
      accept: c.accept,
      "x-api-key": config.apiKey,
      "user-agent": "fourfold-proxy",
    };
    if (c.body !== undefined) headers["content-type"] = "application/json";
    for (let attempt = 0; ; attempt++) {
      let res: UpstreamResponse | null = null;
      let failure: UpstreamNetworkError | null = null;
      try {
        res = await send(c.url, { method: c.method, headers, body: c.body, signal, timeouts });
      } catch (err) {
        if (!(err instanceof UpstreamNetworkError)) throw err;
        log.warn("sei.upstream_failed", { method: c.method, path: c.url.pathname, failure: err.kind, attempt });
        if (err.kind === "aborted" || err.kind === "deadline" || !c.retry || attempt + 1 >= policy.attempts)
          throw networkError(err);
        failure = err;
      }
      if (res && !(c.retry && isRetryableStatus(res.status) && attempt + 1 < policy.attempts)) return res;
      const wait = retryDelay(attempt, res ? parseRetryAfter(res.headers["retry-after"]) : null, policy);
      // A wait beyond the cap on Retry-After, or one that would end past the deadline, is not
      // taken: the last answer (or failure) stands.
      const stands = wait === null || Date.now() + wait >= endsAt;
      if (res) {
        log.warn("sei.upstream_retry", { method: c.method, path: c.url.pathname, status: res.status, attempt });
        if (stands) return res;
        res.body.destroy();
      } else if (stands) throw networkError(failure!);
      await sleep(wait ?? 0, signal);
    }
  }

  /** Runs one proxied call under its deadline. */
  async function within<T>(signal: AbortSignal | undefined, run: (d: Deadline) => Promise<T>): Promise<T> {
    const d = deadline(timeouts.deadlineMs, signal);
    try {
      return await run(d);
    } finally {
      d.release();
    }
  }

  async function json(c: Call, what: string, d: Deadline): Promise<{ status: number; body: unknown }> {
    const res = await call(c, d.signal, d.endsAt);
    if (res.status < 200 || res.status >= 300) {
      res.body.destroy();
      throw statusError(res.status, res.headers, what);
    }
    try {
      return { status: res.status, body: JSON.parse(await readText(res.body, MAX_JSON_BYTES)) as unknown };
    } catch (err) {
      if (err instanceof UpstreamNetworkError) throw networkError(err);
      throw new ApiError("UPSTREAM_FAILED", "SEI sent an answer the dashboard could not read.");
    }
  }

  async function status(exportId: string, d: Deadline) {
    const { body } = await json(
      { method: "GET", url: statusUrl(endpoints, org, project, exportId), retry: true, accept: "application/json" },
      "export",
      d,
    );
    return scrubbed(toStatus(body), config.apiKey);
  }

  /** An export's file, open: SEI's 200 and its first body bytes in. */
  async function openBody(exportId: string, d: Deadline): Promise<Readable> {
    const s = await status(exportId, d);
    if (s.status !== "COMPLETED") throw new ApiError("NOT_READY", `The export is ${s.status}, not COMPLETED.`);
    const url = s.downloadUrl ? resolveDownloadUrl(endpoints, s.downloadUrl, exportId, org, project) : null;
    if (!url) {
      // The address itself is not logged: it is SEI's text and could carry anything.
      log.warn("sei.download_url_refused", { exportId, given: s.downloadUrl !== undefined });
      throw new ApiError(
        "UPSTREAM_FAILED",
        "SEI gave a download address outside the configured SEI URL; the dashboard refused it.",
      );
    }
    const res = await call(
      { method: "GET", url, retry: true, accept: "application/gzip, text/csv" },
      d.signal,
      d.endsAt,
    );
    if (res.status !== 200) {
      res.body.destroy();
      throw statusError(res.status, res.headers, "export");
    }
    // The download is open once its first bytes are in: a stall, reset or early close before
    // them is answered like a failure to open it, not with a 200 that breaks at once.
    try {
      await untilFirstBytes(res.body);
    } catch (err) {
      res.body.destroy();
      if (!(err instanceof UpstreamNetworkError)) throw err;
      log.warn("sei.upstream_failed", { method: "GET", path: url.pathname, failure: err.kind, attempt: 0 });
      throw networkError(err);
    }
    return res.body;
  }

  return {
    mode: "harness",
    connection: `harness:${new URL(endpoints.origin).host}${endpoints.prefix}`,
    identifiers: { org, project },
    limits: { ...DEFAULT_LIMITS, ...config.limits },
    directory: config.directory,

    async createExport(params: ExportParams, signal?: AbortSignal) {
      const body = JSON.stringify(exportRequestBody(params, { org, project }));
      // Retrying a create is safe: SEI answers an identical recent create with the same export.
      const res = await within(signal, (d) =>
        json(
          { method: "POST", url: createUrl(endpoints, org, project), body, retry: true, accept: "application/json" },
          "export",
          d,
        ),
      );
      return toCreated(res.body, res.status === 200);
    },

    exportStatus: (exportId: string, signal?: AbortSignal) => within(signal, (d) => status(exportId, d)),

    async openDownload(exportId: string, signal?: AbortSignal) {
      // The deadline runs until the download is open (its first bytes in); then only the body's
      // idle timeout applies, and the caller's signal still aborts it.
      const d = deadline(timeouts.deadlineMs, signal);
      try {
        const body = await openBody(exportId, d);
        d.stop();
        body.once("close", d.release);
        return Readable.toWeb(body) as ReadableStream<Uint8Array>;
      } catch (err) {
        d.release();
        throw err;
      }
    },

    async legacyReport(request: LegacyReportRequest, signal?: AbortSignal) {
      const body = JSON.stringify(legacyReportBody(request));
      const res = await call(
        { method: "POST", url: reportUrl(endpoints, org, project), body, retry: false, accept: "text/csv" },
        signal,
      );
      if (res.status !== 200) {
        res.body.destroy();
        throw statusError(res.status, res.headers, "report");
      }
      try {
        return await readText(res.body, MAX_REPORT_BYTES);
      } catch (err) {
        if (err instanceof UpstreamNetworkError) throw networkError(err);
        throw new ApiError("UPSTREAM_FAILED", "SEI's report was too large to show.");
      }
    },
  };
}

/** SEI's own words (a FAILED export's reason) are shown to users: never with the key in them. */
function scrubbed(s: ExportStatusResponse, key: string): ExportStatusResponse {
  if (!s.error) return s;
  const clean = (t: string) => t.split(key).join("[redacted]");
  return { ...s, error: { code: clean(s.error.code), message: clean(s.error.message) } };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(networkError(abortFailure(signal)));
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(networkError(abortFailure(signal!)));
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
