// A local stand-in server for a vendor's REST API (PagerDuty, Jira), for the importers' tests and
// the benchmark: every request logged, and faults on demand: a rate limit (429 with Retry-After) or a
// dropped connection, for a number of matching requests (Infinity: an outage).
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Fault {
  match: (url: URL) => boolean;
  kind: "rate-limit" | "drop";
  times: number;
}

export interface FakeApi {
  url: string;
  requests: { at: number; path: string; status: number | "dropped"; authorization: string | null }[];
  faults: Fault[];
  close: () => Promise<void>;
}

export type Route = (url: URL) => { status: number; body: unknown } | null;

export async function startFakeApi(route: Route): Promise<FakeApi> {
  const requests: FakeApi["requests"] = [];
  const faults: Fault[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const log = {
      at: Date.now(),
      path: `${url.pathname}${url.search}`,
      status: 200 as number | "dropped",
      authorization: req.headers.authorization ?? null,
    };
    requests.push(log);
    const fault = faults.find((f) => f.times > 0 && f.match(url));
    if (fault) {
      fault.times--;
      if (fault.kind === "drop") {
        log.status = "dropped";
        req.socket.destroy();
        return;
      }
      log.status = 429;
      res.writeHead(429, { "content-type": "application/json", "retry-after": "1" });
      res.end(JSON.stringify({ error: { message: "Rate Limit Exceeded", code: 2020 } }));
      return;
    }
    const answer = route(url) ?? { status: 404, body: { error: { message: "Not Found" } } };
    log.status = answer.status;
    res.writeHead(answer.status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    faults,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
