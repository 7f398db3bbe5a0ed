import "server-only";
import fs from "node:fs";
import path from "node:path";
import { type Engine, startJobRunner, newApiKey } from "@/lib/engine";
import { DEMO_SCOPE, seedDemo } from "@/lib/demo";
import { startSources, type Sources } from "@/lib/sources";
import { openStore, type Store } from "@/lib/store";
import { ensureAdmin } from "./bootstrap-admin";
import { serverEnv, type ServerEnv, log, noticeStream, persistedSecret, randomSecret } from "@/lib/server";

// One runtime per server process: the store, the secrets and the engine, made ready once and
// shared by every request. Kept on globalThis so the dev server's reloads do not open a second store.

export interface Runtime {
  env: ServerEnv;
  db: Store;
  sessionSecret: string;
  engine: Engine;
  sources: Sources;
}

type Holder = { fourfoldRuntime?: Promise<Runtime> };
const holder = globalThis as unknown as Holder;

export function getRuntime(opts: { jobs?: boolean } = {}): Promise<Runtime> {
  holder.fourfoldRuntime ??= start(opts.jobs ?? true).catch((err: unknown) => {
    holder.fourfoldRuntime = undefined;
    throw err;
  });
  return holder.fourfoldRuntime;
}

async function start(withJobs: boolean): Promise<Runtime> {
  const env = serverEnv();
  fs.mkdirSync(env.dataDir, { recursive: true, mode: 0o700 });
  const dbFile = env.FOURFOLD_DATABASE_URL ?? path.join(env.dataDir, "fourfold.db");
  const db = await openStore(dbFile);
  const sessionSecret =
    env.NEXTAUTH_SECRET ?? persistedSecret(env.dataDir, "session-secret", () => randomSecret(48)).value;
  await ensureAdmin(db, env);
  const apiKeys = engineKeys(env);
  const seeded = env.FOURFOLD_DEMO === "off" ? 0 : await seedDemo(db);
  if (seeded > 0) log.info("engine.demo_seeded", { records: seeded, org: DEMO_SCOPE.org, project: DEMO_SCOPE.project });
  const exportsDir = path.join(env.dataDir, "exports");
  const runner = withJobs ? await startJobRunner({ db, dbFile, exportsDir }) : null;
  // The server maps the sources' events left unmapped (a crash right after an answer); the CLIs map their own.
  const sources = startSources({ db, dataDir: env.dataDir, mapPending: withJobs });
  log.info("runtime.ready", {
    dataDir: env.dataDir,
    mode: env.SEI_BASE_URL ? "harness" : "embedded",
    store: env.FOURFOLD_DATABASE_URL ? "postgres" : "sqlite",
  });
  return { env, db, sessionSecret, engine: { db, exportsDir, apiKeys, runner }, sources };
}

/** FOURFOLD_API_KEYS, or one key generated on first start, kept (0600) and printed with the demo identifiers. */
function engineKeys(env: ServerEnv): string[] {
  if (env.FOURFOLD_API_KEYS.length > 0) return env.FOURFOLD_API_KEYS;
  const { value, created } = persistedSecret(env.dataDir, "engine-api-key", newApiKey);
  if (created) {
    // Printed once, on purpose: the documented curl examples need it.
    noticeStream().write(
      `\n  Fourfold engine: API key created (also in ${path.join(env.dataDir, "engine-api-key")})\n` +
        `    authorization: ApiKey ${value}\n    demo data: orgIdentifier=${DEMO_SCOPE.org} projectIdentifier=${DEMO_SCOPE.project}\n\n`,
    );
  }
  return [value];
}
