import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Reads a secret kept in the data folder, or generates it once (mode 0600) and keeps it.
 * `wx` makes two processes starting at once agree on one value.
 */
export function persistedSecret(
  dataDir: string,
  name: string,
  generate: () => string = randomSecret,
): { value: string; created: boolean } {
  const file = path.join(dataDir, name);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    const value = generate();
    fs.writeFileSync(file, value + "\n", { mode: 0o600, flag: "wx" });
    return { value, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return { value: fs.readFileSync(file, "utf8").trim(), created: false };
  }
}

export function randomSecret(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}
