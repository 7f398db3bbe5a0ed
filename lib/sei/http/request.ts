import "server-only";
import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import { Readable } from "node:stream";

// One upstream HTTP call with node:http: it never follows a redirect, sends only the headers given,
// and has separate timeouts for connecting, for the response headers, and for a stalled body.

export interface Timeouts {
  connectMs: number;
  headersMs: number;
  /** The longest wait for the next body chunk while the reader is waiting for one. */
  bodyIdleMs: number;
}

/**
 * `broken`: the answer broke off after its headers (a reset, or a close before its end);
 * `deadline`: the call's overall time, retries included, ran out.
 */
export type NetworkFailure =
  "connect_timeout" | "headers_timeout" | "body_timeout" | "broken" | "deadline" | "network" | "aborted";

export class UpstreamNetworkError extends Error {
  constructor(readonly kind: NetworkFailure) {
    super(`SEI request failed: ${kind}`);
    this.name = "UpstreamNetworkError";
  }
}

/** The failure an aborted signal stands for: its reason when that is one (a deadline), else `aborted`. */
export const abortFailure = (signal: AbortSignal): UpstreamNetworkError =>
  signal.reason instanceof UpstreamNetworkError ? signal.reason : new UpstreamNetworkError("aborted");

export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Readable;
}

export interface SendOptions {
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  timeouts: Timeouts;
}

export function send(url: URL, opts: SendOptions): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(abortFailure(opts.signal));
    const headers = {
      ...opts.headers,
      ...(opts.body !== undefined ? { "content-length": String(Buffer.byteLength(opts.body)) } : {}),
    };
    const req = (url.protocol === "https:" ? https : http).request(url, { method: opts.method, headers });
    let body: IdleGuard | undefined;
    // The body, once there is one, fails with the reason itself, not with the reset it causes.
    const fail = (kind: NetworkFailure) => {
      body?.destroy(new UpstreamNetworkError(kind));
      req.destroy(new UpstreamNetworkError(kind));
    };
    const onAbort = () => fail(abortFailure(opts.signal!).kind);
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    const detach = () => opts.signal?.removeEventListener("abort", onAbort);
    const headersTimer = setTimeout(() => fail("headers_timeout"), opts.timeouts.headersMs);
    let connectTimer: NodeJS.Timeout | undefined;
    req.on("socket", (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(() => fail("connect_timeout"), opts.timeouts.connectMs);
      socket.once("connect", () => clearTimeout(connectTimer));
    });
    req.on("error", (err) => {
      clearTimeout(headersTimer);
      clearTimeout(connectTimer);
      detach();
      reject(err instanceof UpstreamNetworkError ? err : new UpstreamNetworkError("network"));
    });
    req.on("response", (res) => {
      clearTimeout(headersTimer);
      clearTimeout(connectTimer);
      body = new IdleGuard(res, opts.timeouts.bodyIdleMs, () => fail("body_timeout"));
      body.once("close", detach);
      resolve({ status: res.statusCode ?? 502, headers: res.headers, body });
    });
    req.end(opts.body);
  });
}

/**
 * The response body, timed out when the upstream stalls while the reader is waiting; a slow reader
 * (backpressure) does not count as a stall. Destroying it closes the upstream connection.
 */
class IdleGuard extends Readable {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly src: IncomingMessage,
    private readonly idleMs: number,
    private readonly onIdle: () => void,
  ) {
    super();
    src.on("data", (chunk: Buffer) => {
      this.disarm();
      if (this.push(chunk)) this.arm();
      else src.pause();
    });
    src.on("end", () => {
      this.disarm();
      this.push(null);
    });
    src.on("error", (err) => {
      this.disarm();
      this.destroy(err instanceof UpstreamNetworkError ? err : new UpstreamNetworkError("broken"));
    });
    src.on("aborted", () => this.destroy(new UpstreamNetworkError("broken")));
    src.pause();
  }

  override _read(): void {
    this.arm();
    this.src.resume();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.disarm();
    this.src.destroy();
    cb(err);
  }

  private arm() {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.onIdle();
    }, this.idleMs);
  }

  private disarm() {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * Resolves once the body has its first bytes, or has ended, leaving them in it; rejects with the
 * body's failure (a stall, a reset, an early close) when that comes first.
 */
export function untilFirstBytes(body: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    if (body.errored) return reject(body.errored);
    if (body.readableLength > 0 || body.readableEnded) return resolve();
    if (body.destroyed) return reject(new UpstreamNetworkError("broken"));
    const settle = (err?: Error) => {
      body.off("readable", onReadable).off("error", settle).off("close", onClose);
      if (err) reject(err);
      else resolve();
    };
    const onReadable = () => settle();
    const onClose = () => settle(new UpstreamNetworkError("broken"));
    // Listening for `readable` asks for the first chunk, which arms the body's idle timeout.
    body.on("readable", onReadable).on("error", settle).on("close", onClose);
  });
}

/** Reads a whole (small) body as text; more than `maxBytes` is an error. */
export async function readText(body: Readable, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.destroy();
      throw new Error("SEI answer too large");
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Drains and forgets a body we do not need, so the connection can be reused or closed. */
export function discard(body: Readable): void {
  body.destroy();
}
