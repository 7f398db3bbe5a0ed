import "server-only";
import { UpstreamNetworkError } from "./request";

// How long a person waits for one proxied call, retries included. Its signal aborts when the time
// is up (reason: a `deadline` failure) or when the caller's signal does (an `aborted` one).

export interface Deadline {
  signal: AbortSignal;
  /** Epoch ms at which the signal aborts. */
  endsAt: number;
  /** Stops the clock (a download, once open, has only its idle timeout); the caller's signal still aborts. */
  stop(): void;
  /** Stops the clock and lets go of the caller's signal. */
  release(): void;
}

export function deadline(ms: number, outer?: AbortSignal): Deadline {
  const ac = new AbortController();
  const onAbort = () => ac.abort(new UpstreamNetworkError("aborted"));
  if (outer?.aborted) onAbort();
  else outer?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => ac.abort(new UpstreamNetworkError("deadline")), ms);
  const stop = () => clearTimeout(timer);
  return {
    signal: ac.signal,
    endsAt: Date.now() + ms,
    stop,
    release() {
      stop();
      outer?.removeEventListener("abort", onAbort);
    },
  };
}
