import "server-only";
import crypto from "node:crypto";

/**
 * Whether a token sent as is (GitLab's `X-Gitlab-Token`, a bearer token) is the secret, compared in
 * constant time: both are hashed first, so neither the content nor the length shows in the timing.
 */
export function sameToken(secret: string, given: string | null): boolean {
  const a = crypto.createHash("sha256").update(secret).digest();
  const b = crypto
    .createHash("sha256")
    .update(given ?? "")
    .digest();
  return crypto.timingSafeEqual(a, b) && given !== null;
}
