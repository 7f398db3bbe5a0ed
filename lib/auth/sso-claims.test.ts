import { describe, expect, it } from "vitest";
import {
  describeAuthError,
  githubPrimaryEmail,
  isVerified,
  mergeUserInfo,
  needsUserInfo,
  oidcClaims,
} from "./sso-claims";

describe("isVerified", () => {
  it.each([
    [true, true],
    ["true", true],
    [false, false],
    ["false", false],
    [undefined, false],
    [1, false],
    ["yes", false],
  ])("%j → %s", (value, expected) => expect(isVerified(value)).toBe(expected));
});

describe("oidcClaims", () => {
  it("reads issuer, subject, a lower-cased email and whether it is verified", () => {
    expect(
      oidcClaims(
        { iss: "https://idp", sub: "s1", email: " Ann@Example.COM ", email_verified: true },
        "https://fallback",
      ),
    ).toEqual({
      provider: "oidc",
      issuer: "https://idp",
      subject: "s1",
      email: "ann@example.com",
      emailVerified: true,
    });
  });
  it("no subject → null; no issuer → the configured one; no email → null and unverified", () => {
    expect(oidcClaims({ email: "a@b.c" }, "https://fallback")).toBeNull();
    expect(oidcClaims({ sub: "s" }, "https://fallback")).toMatchObject({
      issuer: "https://fallback",
      email: null,
      emailVerified: false,
    });
  });
});

describe("UserInfo", () => {
  it("is asked only when the ID token lacks email or email_verified", () => {
    expect(needsUserInfo({ sub: "s", email: "a@b.c", email_verified: false })).toBe(false);
    expect(needsUserInfo({ sub: "s", email: "a@b.c" })).toBe(true);
    expect(needsUserInfo({ sub: "s" })).toBe(true);
  });
  it("fills what the ID token left out, never overriding it", () => {
    expect(
      mergeUserInfo(
        { sub: "s", iss: "i", email: "id@x" },
        { sub: "other", email: "ui@x", email_verified: true, name: "N" },
      ),
    ).toEqual({
      sub: "s",
      iss: "i",
      email: "id@x",
      email_verified: true,
      name: "N",
    });
  });
});

describe("describeAuthError", () => {
  const err = (message: string) => ({ error: new Error(message), providerId: "oidc" });
  it.each([
    ["state mismatch, expected abc, got: xyz", "state_mismatch"],
    ["State cookie was missing.", "state_missing"],
    ["nonce mismatch, expected n1, got: n2", "nonce_mismatch"],
    ["aud mismatch, expected fourfold, got: other", "wrong_audience"],
    ["unexpected iss value, expected https://a, got: https://b", "wrong_issuer"],
    ["JWT expired, now 1700000000, exp 1690000000", "expired_token"],
    ["failed to validate JWT signature", "bad_signature"],
    ['no valid key found in issuer\'s jwks_uri for key parameters {"kid":"x"}', "unknown_key"],
    ["unexpected JWT alg received, expected RS256, got: none", "unexpected_algorithm"],
    ["userinfo sub mismatch, expected a, got: b", "userinfo_subject_mismatch"],
    ["invalid_grant (PKCE verification failed)", "idp_refused"],
    ["connect ECONNREFUSED 127.0.0.1:9", "idp_unreachable"],
    ["something nobody expected", "unknown"],
  ])("%s → %s", (message, reason) => {
    expect(describeAuthError("OAUTH_CALLBACK_ERROR", err(message))).toMatchObject({
      code: "OAUTH_CALLBACK_ERROR",
      reason,
      provider: "oidc",
    });
  });

  it("keeps no token, state or nonce value in the detail", () => {
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzIn0.c2lnbmF0dXJl";
    const d = describeAuthError(
      "OAUTH_CALLBACK_ERROR",
      err(`state mismatch, expected s3cr3t-state, got: other — ${jwt}`),
    );
    expect(d.detail).not.toContain("s3cr3t-state");
    expect(d.detail).not.toContain(jwt);
  });

  it("reads a bare Error too", () => {
    expect(describeAuthError("JWT_SESSION_ERROR", new Error("JWT expired"))).toMatchObject({ reason: "expired_token" });
  });
});

describe("githubPrimaryEmail", () => {
  it.each([
    [
      [
        { email: "a@x.io", primary: true, verified: true },
        { email: "b@x.io", primary: false, verified: true },
      ],
      { email: "a@x.io", email_verified: true },
    ],
    [
      [
        { email: "a@x.io", primary: true, verified: false },
        { email: "b@x.io", primary: false, verified: true },
      ],
      { email: "a@x.io", email_verified: false },
    ],
    [[{ email: "b@x.io", primary: false, verified: true }], { email: null, email_verified: false }],
    [{ message: "Bad credentials" }, { email: null, email_verified: false }],
  ])("%j → %j", (emails, expected) => expect(githubPrimaryEmail(emails)).toEqual(expected));
});
