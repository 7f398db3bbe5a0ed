// The Harness-mode setup most proxy test files share: the fake SEI, a client with short timeouts
// and backoff so failures are quick, a 1 MiB CSV cap, and the fake and limiter reset per test.
import { beforeAll, beforeEach } from "vitest";
import { resetCreateLimiter } from "@/lib/access/guards";
import { makeClient, setSeiClient } from "@/lib/sei";
import { api, setupProxy, type Env } from "./helpers";

export const TUNING = {
  timeouts: { connectMs: 500, headersMs: 300, bodyIdleMs: 300 },
  retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 },
  limits: { maxCsvBytes: 1024 * 1024 },
};

export function harness(): { env: () => Env; call: ReturnType<typeof api>; fake: () => NonNullable<Env["fake"]> } {
  const env = setupProxy("harness");
  beforeAll(() => setSeiClient(makeClient(env().runtime, TUNING)));
  beforeEach(() => {
    env().fake?.reset();
    resetCreateLimiter();
  });
  return { env, call: api(env), fake: () => env().fake! };
}

/** Creates an export as the admin and returns its id. */
export async function createdId(
  call: ReturnType<typeof api>,
  env: () => Env,
  scope: Record<string, string> = { teamId: "pay" },
): Promise<string> {
  const { exportBody, json } = await import("./helpers");
  const res = await call.create({ user: env().users.admin, body: exportBody(scope) });
  if (res.status !== 202 && res.status !== 200) throw new Error(`create: ${res.status} ${await res.text()}`);
  return (await json<{ export: { id: string } }>(res)).export.id;
}
