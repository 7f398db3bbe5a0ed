import "server-only";
import fs from "node:fs";
import path from "node:path";
import { openStore, type Store } from "@/lib/store/db";
import { serverEnv, type ServerEnv } from "./env";
import { persistedSecret, randomSecret } from "./secrets";
import { ensureAdmin } from "./bootstrap-admin";
import { log } from "./log";

// One runtime per server process: the store and the secrets, made ready once and shared by every
// request. Kept on globalThis so that the dev server's module reloads do not open a second store.

export interface Runtime {
  env: ServerEnv;
  db: Store;
  sessionSecret: string;
}

type Holder = { fourfoldRuntime?: Promise<Runtime> };
const holder = globalThis as unknown as Holder;

export function getRuntime(): Promise<Runtime> {
  holder.fourfoldRuntime ??= start().catch((err: unknown) => {
    holder.fourfoldRuntime = undefined;
    throw err;
  });
  return holder.fourfoldRuntime;
}

async function start(): Promise<Runtime> {
  const env = serverEnv();
  fs.mkdirSync(env.dataDir, { recursive: true, mode: 0o700 });
  const db = await openStore(path.join(env.dataDir, "fourfold.db"));
  const sessionSecret = env.NEXTAUTH_SECRET ?? persistedSecret(env.dataDir, "session-secret", () => randomSecret(48)).value;
  await ensureAdmin(db, env);
  log.info("runtime.ready", { dataDir: env.dataDir, mode: env.SEI_BASE_URL ? "harness" : "embedded" });
  return { env, db, sessionSecret };
}
