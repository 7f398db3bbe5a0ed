import "server-only";
import { ApiError } from "@/lib/server";
import type { UpstreamNetworkError } from "./request";
import { parseRetryAfter } from "./retry";
import type { IncomingHttpHeaders } from "node:http";

// Upstream failures as the browser sees them: a stable code and a plain message, never SEI's body.

export function networkError(err: UpstreamNetworkError): ApiError {
  if (err.kind === "broken") return new ApiError("UPSTREAM_FAILED", "SEI broke off its answer. Try again in a moment.");
  if (err.kind === "aborted") return new ApiError("UPSTREAM_UNREACHABLE", "The request was cancelled.");
  const message =
    err.kind === "connect_timeout" || err.kind === "network"
      ? "SEI could not be reached. Try again in a moment."
      : "SEI did not answer in time. Try again in a moment.";
  return new ApiError("UPSTREAM_UNREACHABLE", message);
}

export function statusError(status: number, headers: IncomingHttpHeaders, what: string): ApiError {
  if (status >= 300 && status < 400)
    return new ApiError("UPSTREAM_FAILED", "SEI answered with a redirect, which the dashboard does not follow.");
  if (status === 401 || status === 403) {
    return new ApiError(
      "UPSTREAM_UNAUTHORIZED",
      "SEI refused the dashboard's API key. An administrator should check SEI_API_KEY and its permissions.",
    );
  }
  if (status === 404) return new ApiError("NOT_FOUND", `SEI does not know this ${what}.`);
  if (status === 409) return new ApiError("NOT_READY", "The export is not ready yet.");
  if (status === 410) return new ApiError("GONE", "The export has expired in SEI; create it again.");
  if (status === 429) {
    const ms = parseRetryAfter(headers["retry-after"]) ?? 60_000;
    const seconds = Math.min(3600, Math.max(1, Math.ceil(ms / 1000)));
    return new ApiError("RATE_LIMITED", `SEI is rate limiting the dashboard; try again in ${seconds} s.`, undefined, {
      "Retry-After": String(seconds),
    });
  }
  if (status === 400 || status === 422)
    return new ApiError("INVALID_ARGUMENT", `SEI refused the ${what} request as invalid.`);
  return new ApiError("UPSTREAM_FAILED", `SEI failed to answer (HTTP ${status}). Try again later.`);
}
