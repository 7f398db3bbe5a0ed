// A fake Harness SEI for the proxy's tests: on 127.0.0.1, a random port, under a path prefix. By
// default it behaves like SEI (create → poll COMPLETED → download gzip CSV); each test can queue
// misbehaviour per endpoint: any status and headers, 429 with Retry-After, slow or no answer, a
// stalled body, headers then a stall, a reset or an early close, a redirect, a foreign downloadUrl,
// a gzip bomb, and it records every request.
import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { createGzip, gzipSync } from "node:zlib";

export type Endpoint = "create" | "status" | "download" | "report" | "other";

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
  /** A body produced on demand, for large or endless downloads. */
  stream?: () => Readable;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer (the headers never come). */
  never?: boolean;
  /** Send the headers and a first chunk, then nothing more. */
  stallBody?: boolean;
  /**
   * Send the headers (200 unless `status`), then, before any body byte: nothing more (`stall`),
   * reset the connection (`reset`), or close it although a Content-Length of 1 MiB was announced (`close`).
   */
  afterHeaders?: "stall" | "reset" | "close";
}

export interface SeenRequest {
  endpoint: Endpoint;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export const PREFIX = "/prod1/sei/api";
export const CSV = "Team_Id,Team_Name,Period\npay,Payments,2026-01\n";
/** Headers a real upstream might send that must never reach the browser. */
export const UPSTREAM_JUNK = {
  "set-cookie": "upstream=1",
  "x-upstream-internal": "yes",
  "content-encoding": "identity",
};

export class FakeSei {
  readonly requests: SeenRequest[] = [];
  private readonly queues = new Map<Endpoint, Reply[]>();
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly sockets = new Set<import("node:net").Socket>();
  private counter = 0;
  /** Overrides fields of every status answer (e.g. a foreign downloadUrl). */
  statusPatch: Record<string, unknown> = {};
  /** The download's bytes (gzip of CSV by default). */
  download: () => Readable | Buffer = () => gzipSync(CSV);
  /** Download responses closed before they finished (the proxy aborted them). */
  abortedDownloads = 0;
  port = 0;

  async start(): Promise<this> {
    this.server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Connections to the fake that are still open. */
  get openConnections(): number {
    return this.sockets.size;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}${PREFIX}`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** The next answers of one endpoint, in order; then it behaves again. */
  queue(endpoint: Endpoint, ...replies: Reply[]): void {
    this.queues.set(endpoint, [...(this.queues.get(endpoint) ?? []), ...replies]);
  }

  reset(): void {
    this.requests.length = 0;
    this.queues.clear();
    this.statusPatch = {};
    this.download = () => gzipSync(CSV);
    this.abortedDownloads = 0;
  }

  count(endpoint: Endpoint): number {
    return this.requests.filter((r) => r.endpoint === endpoint).length;
  }

  private endpointOf(method: string, path: string): Endpoint {
    const rest = path.startsWith(`${PREFIX}/`) ? path.slice(PREFIX.length) : null;
    if (rest === null) return "other";
    if (method === "POST" && rest === "/v2/insights/efficiency/exports") return "create";
    if (method === "GET" && /^\/v2\/insights\/efficiency\/exports\/[^/]+$/.test(rest)) return "status";
    if (method === "GET" && /^\/v2\/insights\/efficiency\/exports\/[^/]+\/download$/.test(rest)) return "download";
    if (method === "POST" && rest === "/v2/insights/teams/reports") return "report";
    return "other";
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const endpoint = this.endpointOf(req.method ?? "GET", url.pathname);
    this.requests.push({
      endpoint,
      method: req.method ?? "",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    });
    const reply = this.queues.get(endpoint)?.shift() ?? this.defaultReply(endpoint, url.pathname);
    if (reply.never) return;
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (res.destroyed) return;
    if (reply.afterHeaders) return this.breakOff(res, reply);
    const body = reply.stream ? reply.stream() : reply.body;
    const isJson =
      body !== undefined && !(body instanceof Readable) && !Buffer.isBuffer(body) && typeof body === "object";
    res.writeHead(reply.status ?? 200, { ...(isJson ? { "content-type": "application/json" } : {}), ...reply.headers });
    if (reply.stallBody) return void res.write("Team_Id,");
    if (body instanceof Readable) {
      res.on("close", () => {
        if (!res.writableFinished) this.abortedDownloads++;
      });
      body.pipe(res);
      return;
    }
    res.end(isJson ? JSON.stringify(body) : (body as string | Buffer | undefined));
  }

  private breakOff(res: http.ServerResponse, reply: Reply): void {
    const length = reply.afterHeaders === "close" ? { "content-length": String(1024 * 1024) } : {};
    res.writeHead(reply.status ?? 200, { "content-type": "application/gzip", ...length, ...reply.headers });
    res.flushHeaders();
    if (reply.afterHeaders === "stall") return;
    // Once the headers are on the wire: an RST, or a plain FIN long before the announced length.
    setTimeout(() => (reply.afterHeaders === "reset" ? res.socket?.resetAndDestroy() : res.socket?.end()), 20);
  }

  private defaultReply(endpoint: Endpoint, path: string): Reply {
    const id = path.split("/")[PREFIX.split("/").length + 4] ?? "";
    const now = new Date().toISOString();
    switch (endpoint) {
      case "create": {
        const exportId = `exp_${String(++this.counter).padStart(10, "0")}`;
        // Lower-case status: the real API is loose about case.
        return {
          status: 202,
          body: { exportId, status: "queued", createdAt: now, message: "Export job created successfully" },
        };
      }
      case "status":
        return {
          body: {
            exportId: id,
            status: "Completed",
            createdAt: now,
            completedAt: now,
            rowCount: null,
            sizeBytes: 42,
            downloadUrl: `/v2/insights/efficiency/exports/${id}/download`,
            ...this.statusPatch,
          },
        };
      case "download": {
        const data = this.download();
        return Buffer.isBuffer(data)
          ? {
              body: data,
              headers: {
                "content-type": "application/octet-stream",
                "content-length": String(data.length),
                ...UPSTREAM_JUNK,
              },
            }
          : { stream: () => data, headers: { "content-type": "application/gzip", ...UPSTREAM_JUNK } };
      }
      case "report":
        return { body: "Team_Ref_Id,Team_Name\n12,Payments\n", headers: { "content-type": "text/csv" } };
      default:
        return { status: 404, body: { code: "NOT_FOUND", message: "no such path" } };
    }
  }
}

/** A gzip bomb: `size` zero bytes, compressed (about 1000:1), streamed in small pieces. */
export function gzipBomb(size: number): Readable {
  const gzip = createGzip({ level: 9 });
  const block = Buffer.alloc(1024 * 1024);
  let left = size;
  const source = new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const n = Math.min(left, block.length);
      left -= n;
      this.push(block.subarray(0, n));
    },
  });
  return source.pipe(gzip);
}
