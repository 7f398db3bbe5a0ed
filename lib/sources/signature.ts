import "server-only";
import crypto from "node:crypto";

/**
 * GitHub's `X-Hub-Signature-256: sha256=<hex>`: HMAC-SHA256 of the raw body under the secret,
 * compared in constant time. A header of the wrong shape is compared too, against a digest of its
 * own length, so the answer takes as long whatever was sent.
 */
export function verifyGithubSignature(secret: string, body: Uint8Array, header: string | null): boolean {
  const expected = Buffer.from(`sha256=${crypto.createHmac("sha256", secret).update(body).digest("hex")}`);
  const given = Buffer.from(header ?? "");
  if (given.length !== expected.length) {
    crypto.timingSafeEqual(expected, expected);
    return false;
  }
  return crypto.timingSafeEqual(given, expected);
}

export const githubSignature = (secret: string, body: Uint8Array | string): string =>
  `sha256=${crypto.createHmac("sha256", secret).update(body).digest("hex")}`;
