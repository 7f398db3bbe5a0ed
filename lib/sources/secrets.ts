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
}

// Decrypting is cheap but not free; a burst of deliveries reads the same secret thousands of times.
const plain = new Map<string, string | null>();

export async function getSecret(db: Store, key: Buffer, scope: Scope, source: string): Promise<string | null> {
  const row = await db
    .selectFrom("source_secrets")
    .select("secret")
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .where("source", "=", source)
    .executeTakeFirst();
  if (!row) return null;
  let value = plain.get(row.secret);
  if (value === undefined) {
    value = decryptSecret(key, row.secret);
    if (plain.size > 100) plain.clear();
    plain.set(row.secret, value);
  }
  return value;
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
