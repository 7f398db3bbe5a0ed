import { getEventListeners } from "node:events";
import http from "node:http";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import * as downloadRoute from "@/app/api/exports/[id]/download/route";
import { gzipBomb } from "./fake-sei";
import { createdId, harness, TUNING } from "./harness-env";
import { request } from "./helpers";

const { env, call, fake } = harness();
const admin = () => env().users.admin;
const CAP = TUNING.limits.maxCsvBytes;

async function readAll(res: Response): Promise<{ bytes: number; error: unknown }> {
  const reader = res.body!.getReader();
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes, error: null };
      bytes += value.byteLength;
    }
  } catch (error) {
    return { bytes, error };
  }
}

const until = async (check: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return check();
};

describe("decompression cap", () => {
  it.each([
    ["exactly the cap passes", CAP, true],
    ["one byte more fails", CAP + 1, false],
  ])("%s", async (_name, size, ok) => {
    const id = await createdId(call, env);
    fake().download = () => gzipSync(Buffer.alloc(size, "a"));
    const res = await call.download(id, { user: admin() });
    expect(res.status).toBe(200);
    const { bytes, error } = await readAll(res);
    expect(error === null).toBe(ok);
    expect(bytes).toBeLessThanOrEqual(CAP);
    if (ok) expect(bytes).toBe(CAP);
  });

  it("a gzip bomb stops at the cap, the upstream read is aborted and the outcome logged", async () => {
    const id = await createdId(call, env);
    fake().download = () => gzipBomb(500 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const res = await call.download(id, { user: admin() });
    const { bytes, error } = await readAll(res);
    expect(String(error)).toContain("once decompressed");
    expect(bytes).toBeLessThanOrEqual(CAP);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    expect(await until(() => fake().abortedDownloads === 1)).toBe(true);
    const line = env().logs.find((l) => l.includes('"proxy.export_download"') && l.includes(id));
    expect(JSON.parse(line!)).toMatchObject({ user: "admin@example.com", exportId: id, outcome: "too_large" });
  });

  it("?as=gzip passes the file through untouched (no cap on the stored bytes)", async () => {
    const id = await createdId(call, env);
    const bomb = gzipSync(Buffer.alloc(CAP * 3));
    fake().download = () => bomb;
    const res = await call.download(id, { user: admin(), query: { as: "gzip" } });
    expect(Buffer.from(await res.arrayBuffer()).equals(bomb)).toBe(true);
  });

  it("a plain CSV (compression none) is served as CSV either way", async () => {
    const id = await createdId(call, env);
    fake().download = () => Buffer.from("a,b\n1,2\n");
    const asGzip = await call.download(id, { user: admin(), query: { as: "gzip" } });
    expect(asGzip.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(asGzip.headers.get("content-disposition")).toBe(`attachment; filename="efficiency-${id}.csv"`);
    expect(await asGzip.text()).toBe("a,b\n1,2\n");
  });

  it("a corrupt gzip ends the stream with an error", async () => {
    const id = await createdId(call, env);
    fake().download = () => Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from("not really gzip")]);
    const { error } = await readAll(await call.download(id, { user: admin() }));
    expect(error).not.toBeNull();
  });
});

describe("a client that goes away aborts the upstream download", () => {
  const endless = () =>
    new Readable({
      read() {
        this.push(Buffer.alloc(64 * 1024, "x"));
      },
    });

  it("when the browser cancels the body", async () => {
    const id = await createdId(call, env);
    fake().download = endless;
    const res = await call.download(id, { user: admin(), query: { as: "gzip" } });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(await until(() => fake().abortedDownloads === 1)).toBe(true);
  });

  it("when the request's signal aborts (the connection closed)", async () => {
    const id = await createdId(call, env);
    fake().download = endless;
    const ac = new AbortController();
    const res = await call.download(id, { user: admin(), query: { as: "gzip" }, signal: ac.signal });
    await res.body!.getReader().read();
    ac.abort();
    expect(await until(() => fake().abortedDownloads === 1)).toBe(true);
    const logged = () => env().logs.find((l) => l.includes('"proxy.export_download"') && l.includes(id));
    expect(await until(() => logged() !== undefined)).toBe(true);
    expect(JSON.parse(logged()!)).toMatchObject({ exportId: id, outcome: "aborted" });
  });
});

describe("a download that fails after SEI's headers, before its first body byte", () => {
  it.each([
    ["stalls", 504, "UPSTREAM_UNREACHABLE", "stall"],
    ["resets the connection", 502, "UPSTREAM_FAILED", "reset"],
    ["closes early (Content-Length of 1 MiB)", 502, "UPSTREAM_FAILED", "close"],
  ] as const)(
    "GET …/download – SEI sends 200 headers then %s → %i %s, logged as the download's outcome",
    async (_name, status, code, afterHeaders) => {
      const id = await createdId(call, env);
      const seen = env().logs.length;
      fake().queue("download", { afterHeaders });
      const res = await call.download(id, { user: admin() });
      expect(res.status).toBe(status);
      expect(((await res.json()) as { code: string }).code).toBe(code);
      const lines = env()
        .logs.slice(seen)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.find((l) => l.event === "proxy.export_download")).toMatchObject({
        user: "admin@example.com",
        exportId: id,
        as: "csv",
        outcome: code,
      });
      expect(lines.filter((l) => l.event === "request.failed")).toEqual([]);
    },
  );
});

describe("a burst of concurrent downloads keeps nothing", () => {
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
  const rows = async () =>
    ((await (await call.list({ user: admin(), query: { limit: "100" } })).json()) as { items: unknown[] }).items.length;

  it("after 30 at once (read whole, cancelled, failing before the first byte): no timer, signal listener, upstream connection or registry row is left", async () => {
    const id = await createdId(call, env);
    fake().download = () => gzipSync(Buffer.alloc(256 * 1024, "a"));
    const before = { timers: timers(), rows: await rows() };
    fake().queue("download", ...Array.from({ length: 5 }, () => ({ afterHeaders: "reset" as const })));
    const requests = await Promise.all(
      Array.from({ length: 30 }, () => request(env().runtime, "GET", `/api/exports/${id}/download`, { user: admin() })),
    );
    const listenersBefore = requests.map((r) => getEventListeners(r.signal, "abort").length);
    const statuses = await Promise.all(
      requests.map(async (req, i) => {
        const res = await downloadRoute.GET(req, { params: Promise.resolve({ id }) });
        if (res.status !== 200) {
          await res.text();
          return res.status;
        }
        if (i % 2 === 0) await readAll(res);
        else {
          const reader = res.body!.getReader();
          await reader.read();
          await reader.cancel();
        }
        return res.status;
      }),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(25);
    // Every connection still open is an idle one in the HTTP agent's keep-alive pool (closed after 5 s idle).
    const count = (sockets: NodeJS.ReadOnlyDict<unknown[]>) =>
      Object.values(sockets).reduce((n, list) => n + (list?.length ?? 0), 0);
    expect(
      await until(
        () => count(http.globalAgent.sockets) === 0 && fake().openConnections === count(http.globalAgent.freeSockets),
      ),
    ).toBe(true);
    expect(await until(() => timers() <= before.timers)).toBe(true);
    expect(requests.map((r) => getEventListeners(r.signal, "abort").length)).toEqual(listenersBefore);
    expect(await rows()).toBe(before.rows);
  });
});
