import "server-only";
import { DEMO_SCOPE } from "@/lib/demo";
import type { Engine } from "@/lib/engine";
import type { ServerEnv } from "@/lib/server";
import { embeddedSeiClient } from "./embedded";
import { httpSeiClient } from "./http/transport";
import { readTeamsFile } from "./teams-file";
import type { SeiClient } from "./types";

// The SEI client of this server: HTTP to Harness when SEI_BASE_URL is set, else the embedded engine
// in its configured (or demo) org and project. Made once per runtime.

let override: SeiClient | null = null;
/** What a client is made of: the configuration and, for the embedded engine, the engine. */
export interface SeiDeps {
  env: ServerEnv;
  engine: Engine;
}

const made = new WeakMap<SeiDeps, SeiClient>();

export function getSeiClient(runtime: SeiDeps): SeiClient {
  if (override) return override;
  let client = made.get(runtime);
  if (!client) {
    client = makeClient(runtime);
    made.set(runtime, client);
  }
  return client;
}

/** For tests and benchmarks: use this client (e.g. with short timeouts) instead; null restores. */
export function setSeiClient(client: SeiClient | null): void {
  override = client;
}

export function makeClient(
  runtime: SeiDeps,
  tuning: Partial<Pick<Parameters<typeof httpSeiClient>[0], "timeouts" | "retry" | "limits">> = {},
): SeiClient {
  const { env, engine } = runtime;
  if (env.SEI_BASE_URL && env.SEI_API_KEY && env.SEI_ORG_IDENTIFIER && env.SEI_PROJECT_IDENTIFIER) {
    return httpSeiClient({
      baseUrl: env.SEI_BASE_URL,
      apiKey: env.SEI_API_KEY,
      org: env.SEI_ORG_IDENTIFIER,
      project: env.SEI_PROJECT_IDENTIFIER,
      directory: () => readTeamsFile(env.SEI_TEAMS_FILE),
      ...tuning,
    });
  }
  const ids = {
    org: env.SEI_ORG_IDENTIFIER ?? DEMO_SCOPE.org,
    project: env.SEI_PROJECT_IDENTIFIER ?? DEMO_SCOPE.project,
  };
  return embeddedSeiClient(engine, ids, tuning.limits);
}
