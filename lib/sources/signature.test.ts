import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./secrets";
import { githubSignature, verifyGithubSignature } from "./signature";

describe("GitHub signatures", () => {
  const body = Buffer.from('{"zen":"Keep it logically awesome."}');
  it("accepts the HMAC-SHA256 of the raw body and nothing else", () => {
    const header = githubSignature("s3cret-s3cret-s3cret", body);
    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyGithubSignature("s3cret-s3cret-s3cret", body, header)).toBe(true);
    expect(verifyGithubSignature("another-secret-here", body, header)).toBe(false);
    expect(verifyGithubSignature("s3cret-s3cret-s3cret", Buffer.from(body.toString() + " "), header)).toBe(false);
    expect(verifyGithubSignature("s3cret-s3cret-s3cret", body, header.toUpperCase())).toBe(false);
    expect(verifyGithubSignature("s3cret-s3cret-s3cret", body, "sha256=abc")).toBe(false);
    expect(verifyGithubSignature("s3cret-s3cret-s3cret", body, null)).toBe(false);
  });
});

describe("secrets at rest", () => {
  it("round-trip under the key, and refuse another key or a tampered value", () => {
    const key = Buffer.alloc(32, 7);
    const stored = encryptSecret(key, "webhook-secret");
    expect(stored).not.toContain("webhook-secret");
    expect(decryptSecret(key, stored)).toBe("webhook-secret");
    expect(decryptSecret(Buffer.alloc(32, 8), stored)).toBeNull();
    expect(decryptSecret(key, stored.slice(0, -2) + (stored.endsWith("A") ? "BB" : "AA"))).toBeNull();
    expect(encryptSecret(key, "x")).not.toBe(encryptSecret(key, "x"));
  });
});
