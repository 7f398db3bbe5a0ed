// The engine's HTTP API as the benchmark calls it: JSON in and out, an API key, a timeout on every call.
export interface Client {
  base: string;
  key: string;
  org: string;
  project: string;
}

export interface Reply {
  status: number;
  body: unknown;
  ms: number;
}

export async function call(
  c: Client,
  method: string,
  pathname: string,
  body?: unknown,
  timeoutMs = 120_000,
): Promise<Reply> {
  const url = new URL(pathname, c.base);
  url.searchParams.set("projectIdentifier", c.project);
  url.searchParams.set("orgIdentifier", c.org);
  const t0 = performance.now();
  const res = await fetch(url, {
    method,
    headers: { authorization: `ApiKey ${c.key}`, "content-type": "application/json" },
    body:
      body === undefined ? undefined : typeof body === "string" || body instanceof Buffer ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: res.status, body: parsed, ms };
}

/** Polls until the server answers the engine API (runtime ready, migrations done), or throws. */
export async function waitReady(c: Client, timeoutMs: number, alive: () => boolean): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!alive()) throw new Error("the server exited during start-up");
    try {
      const r = await call(c, "GET", "/v2/insights/efficiency/exports/exp_0000000000", undefined, 10_000);
      if (r.status === 404) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server was not ready within ${timeoutMs / 1000} s`);
}
