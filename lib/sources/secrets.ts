import "server-only";
import crypto from "node:crypto";
import { persistedSecret, randomSecret } from "@/lib/server";
import type { Store } from "@/lib/store";
import type { Scope } from "./scope";

// Webhook secrets, one per project and source. A signature check needs the secret itself, so it is
// kept encrypted (AES-256-GCM), not hashed, under a key that lives in the data folder (mode 0600)
// like the project's other secrets: a copy of the store alone does not give the secrets away.

const KEY_FILE = "sources-secret-key";

export function sourcesKey(dataDir: string): Buffer {
  const { value } = persistedSecret(dataDir, KEY_FILE, () => randomSecret(32));
  const key = Buffer.from(value, "base64url");
  if (key.length !== 32) throw new Error(`${KEY_FILE} in the data folder is not a 32-byte key`);
  return key;
}

export function encryptSecret(key: Buffer, secret: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(":");
}

export function decryptSecret(key: Buffer, stored: string): string | null {
  const [version, iv, tag, data] = stored.split(":");
  if (version !== "v1" || !iv || !tag || data === undefined) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

export const MIN_SECRET_LENGTH = 16;

/** A new secret: 32 random bytes, as GitHub's own settings page suggests a long random one. */
export const newWebhookSecret = (): string => randomSecret(32);

export async function setSecret(db: Store, key: Buffer, scope: Scope, source: string, secret: string): Promise<void> {
  const row = {
    org_id: scope.org,
    project_id: scope.project,
    source,
    secret: encryptSecret(key, secret),
    set_at: Date.now(),
  };
  await db
    .insertInto("source_secrets")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["org_id", "project_id", "source"]).doUpdateSet({ secret: row.secret, set_at: row.set_at }),
    )
    .execute();
  keptIn(db).delete(secretName(scope, source));
}

/**
 * How long a process keeps a secret it read: a burst of deliveries checks the same one thousands of
 * times. A secret just set elsewhere (the CLI, another instance) is read again when a delivery fails
 * on the kept one, so it takes effect at once; an old one is still taken for at most this long.
 */
export const SECRET_KEPT_MS = 1000;
const keptByStore = new WeakMap<Store, Map<string, { value: string | null; at: number }>>();
/** The reads under way, by secret: deliveries that miss together wait for one query, and go on together. */
const readingByStore = new WeakMap<Store, Map<string, Promise<string | null>>>();
const secretName = (scope: Scope, source: string) => `${scope.org}\n${scope.project}\n${source}`;

function keptIn(db: Store) {
  let kept = keptByStore.get(db);
  if (!kept) keptByStore.set(db, (kept = new Map()));
  return kept;
}

export async function getSecret(
  db: Store,
  key: Buffer,
  scope: Scope,
  source: string,
  opts: { fresh?: boolean } = {},
): Promise<string | null> {
  const kept = keptIn(db);
  const name = secretName(scope, source);
  const hit = kept.get(name);
  if (hit && !opts.fresh && Date.now() - hit.at < SECRET_KEPT_MS) return hit.value;
  let reading = readingByStore.get(db);
  if (!reading) readingByStore.set(db, (reading = new Map()));
  // A fresh read must start after its caller's delivery came, so it joins no read under way.
  const under = opts.fresh ? undefined : reading.get(name);
  if (under) return under;
  const read = readSecret(db, key, scope, source).then((value) => {
    if (kept.size > 1000) kept.clear();
    kept.set(name, { value, at: Date.now() });
    return value;
  });
  if (!opts.fresh) {
    reading.set(name, read);
    void read.finally(() => reading.get(name) === read && reading.delete(name)).catch(() => undefined);
  }
  return read;
}

async function readSecret(db: Store, key: Buffer, scope: Scope, source: string): Promise<string | null> {
  const row = await db
    .selectFrom("source_secrets")
    .select("secret")
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .where("source", "=", source)
    .executeTakeFirst();
  return row ? decryptSecret(key, row.secret) : null;
}

/** When each source's secret was set, for the Sources page (never the secret itself). */
export async function secretStates(db: Store, scope: Scope): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("source_secrets")
    .select(["source", "set_at"])
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .execute();
  return new Map(rows.map((r) => [r.source, Number(r.set_at)]));
}
