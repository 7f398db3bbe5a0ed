import "server-only";
import fs from "node:fs";
import path from "node:path";
import { type Engine, startJobRunner, newApiKey } from "@/lib/engine";
import { DEMO_SCOPE, seedDemo } from "@/lib/demo";
import { startSources, type Sources } from "@/lib/sources";
import { isPostgres, openStore, sharedSecret, type Store, withStoreLock } from "@/lib/store";
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
  // Instances sharing a store start one at a time: one of them makes the first admin, the secrets
  // and the demo organisation, and the others find them made.
  const { sessionSecret, apiKeys } = await withStoreLock(db, "fourfold:start", async () => {
    const sessionSecret =
      env.NEXTAUTH_SECRET ?? (await secret(db, env, "session-secret", () => randomSecret(48))).value;
    await ensureAdmin(db, env);
    const made = { sessionSecret, apiKeys: await engineKeys(db, env) };
    const seeded = env.FOURFOLD_DEMO === "off" ? 0 : await seedDemo(db);
    if (seeded > 0)
      log.info("engine.demo_seeded", { records: seeded, org: DEMO_SCOPE.org, project: DEMO_SCOPE.project });
    return made;
  });
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

/**
 * A secret generated on first start: a file (0600) in the data folder on SQLite; in the store on
 * PostgreSQL, so that every instance signs sessions and accepts keys alike.
 */
function secret(db: Store, env: ServerEnv, name: string, generate: () => string) {
  return isPostgres(db)
    ? sharedSecret(db, name, generate)
    : Promise.resolve(persistedSecret(env.dataDir, name, generate));
}

/** FOURFOLD_API_KEYS, or one key generated on first start, kept and printed with the demo identifiers. */
async function engineKeys(db: Store, env: ServerEnv): Promise<string[]> {
  if (env.FOURFOLD_API_KEYS.length > 0) return env.FOURFOLD_API_KEYS;
  const { value, created } = await secret(db, env, "engine-api-key", newApiKey);
  if (created) {
    const where = isPostgres(db) ? "kept in the store" : `also in ${path.join(env.dataDir, "engine-api-key")}`;
    // Printed once, on purpose: the documented curl examples need it.
    noticeStream().write(
      `\n  Fourfold engine: API key created (${where})\n` +
        `    authorization: ApiKey ${value}\n    demo data: orgIdentifier=${DEMO_SCOPE.org} projectIdentifier=${DEMO_SCOPE.project}\n\n`,
    );
  }
  return [value];
}
