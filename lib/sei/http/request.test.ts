import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, UpstreamNetworkError } from "./request";

// A listener on loopback that never accepts: once its accept queue is full, the kernel drops new
// SYNs, so a connect hangs as it would to a black-holed host. A Node server cannot do this (it
// always accepts), so a tiny Python one holds the socket.
let holder: ChildProcess;
let port = 0;
const fillers: net.Socket[] = [];

beforeAll(async () => {
  holder = spawn("python3", [
    "-c",
    "import socket,time\ns=socket.socket()\ns.bind(('127.0.0.1',0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(120)",
  ]);
  port = await new Promise<number>((resolve) =>
    holder.stdout!.once("data", (d: Buffer) => resolve(Number(String(d).trim()))),
  );
  for (let i = 0; i < 4; i++) fillers.push(net.connect(port, "127.0.0.1").on("error", () => {}));
  await new Promise((r) => setTimeout(r, 300));
});

afterAll(() => {
  for (const s of fillers) s.destroy();
  holder.kill("SIGKILL");
});

describe("send", () => {
  it("gives up on a connect that does not complete within connectMs", async () => {
    const t0 = Date.now();
    const err = await send(new URL(`http://127.0.0.1:${port}/v2/x`), {
      method: "GET",
      headers: {},
      timeouts: { connectMs: 400, headersMs: 10_000, bodyIdleMs: 10_000 },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamNetworkError);
    expect((err as UpstreamNetworkError).kind).toBe("connect_timeout");
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});
