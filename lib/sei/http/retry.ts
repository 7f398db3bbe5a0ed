// When and how long to wait before trying an upstream call again.

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails with RATE_LIMITED at once. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };

export const isRetryableStatus = (status: number) => status === 429 || status >= 500;

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === "") return null;
  if (/^\s*\d+\s*$/.test(v)) return Number(v) * 1000;
  // An HTTP date names its weekday; anything else (`-1`, `1.5`) is not a Retry-After.
  const at = /^[A-Za-z]{3},/.test(v.trim()) ? Date.parse(v) : NaN;
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * The wait before attempt `attempt + 1` (0-based): exponential backoff with "equal jitter" (half
 * fixed, half random) so clients retrying together spread out, and never shorter than Retry-After.
 * Null: do not retry (Retry-After beyond the cap).
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | null,
  policy: RetryPolicy,
  random = Math.random,
): number | null {
  if (retryAfterMs !== null && retryAfterMs > policy.maxRetryAfterMs) return null;
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const backoff = exp / 2 + random() * (exp / 2);
  return Math.max(backoff, retryAfterMs ?? 0);
}
