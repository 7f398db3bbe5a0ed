import "server-only";
import crypto from "node:crypto";

/** `authorization: ApiKey <key>` (the word case-insensitive), compared in constant time. */
export function checkApiKey(header: string | null, keys: readonly string[]): boolean {
  const match = header?.match(/^\s*apikey\s+(\S+)\s*$/i);
  if (!match) return false;
  const given = crypto.createHash("sha256").update(match[1]!).digest();
  let ok = false;
  for (const key of keys) {
    const expected = crypto.createHash("sha256").update(key).digest();
    if (crypto.timingSafeEqual(given, expected)) ok = true;
  }
  return ok;
}

export function newApiKey(): string {
  return `ff_${crypto.randomBytes(24).toString("base64url")}`;
}
