// Request-level tests of single sign-on through next-auth's real route handler against a small
// issuer of our own: each token defect is refused with its own reason in the log, an unverified
// email never takes over an account, claims come from UserInfo when the ID token lacks them, and
// a session ends on the server when its user signs out.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLIENT_ID, CLIENT_SECRET, SmallIssuer, type Scenario } from "./small-issuer";

// next-auth's app-router handler reads the request's cookies and headers through next/headers
// (required at call time): answer them from the request under test, as Next.js would.
const hold = { req: null as Request | null };
const nextHeaders = createRequire(import.meta.url)("next/headers") as Record<string, unknown>;
nextHeaders.headers = async () => hold.req!.headers;
nextHeaders.cookies = async () => ({
  getAll: () =>
    (hold.req!.headers.get("cookie") ?? "")
      .split(/;\s*/)
      .filter(Boolean)
      .map((p) => ({ name: p.slice(0, p.indexOf("=")), value: decodeURIComponent(p.slice(p.indexOf("=") + 1)) })),
});

const ORIGIN = "http://localhost:3000";
const issuer = new SmallIssuer();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-oidc-"));
const logs: string[] = [];
let routes: {
  auth: typeof import("@/app/api/auth/[...nextauth]/route");
  me: typeof import("@/app/api/me/route");
  end: typeof import("@/app/api/session/end/route");
};
let runtime: Awaited<ReturnType<typeof import("@/lib/runtime").getRuntime>>;

beforeAll(async () => {
  await issuer.start();
  Object.assign(process.env, {
    FOURFOLD_DATA_DIR: dir,
    FOURFOLD_DEMO: "off",
    FOURFOLD_LOG: "on",
    FOURFOLD_API_KEYS: "ff_engine_key_for_oidc_tests",
    FOURFOLD_ADMIN_EMAIL: "admin@example.com",
    FOURFOLD_ADMIN_PASSWORD: "correct-horse-battery",
    NEXTAUTH_URL: ORIGIN,
    NEXTAUTH_SECRET: "a-session-secret-for-tests-only-0123456789",
    OIDC_ISSUER: issuer.url,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_END_SESSION: "on",
  });
  for (const stream of [process.stdout, process.stderr]) {
    stream.write = ((chunk: string | Uint8Array) => {
      logs.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString());
      return true;
    }) as typeof stream.write;
  }
  runtime = await (await import("@/lib/runtime")).getRuntime({ jobs: false });
  routes = {
    auth: await import("@/app/api/auth/[...nextauth]/route"),
    me: await import("@/app/api/me/route"),
    end: await import("@/app/api/session/end/route"),
  };
});

afterAll(async () => {
  await issuer.stop();
  await runtime.db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A browser's cookie jar, filled from Set-Cookie the way a browser does. */
class Browser {
  jar = new Map<string, string>();
  cookieHeader = () => [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(/;\s*/);
      const name = pair!.slice(0, pair!.indexOf("="));
      const value = pair!.slice(pair!.indexOf("=") + 1);
      const expired = attrs.some(
        (a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now()),
      );
      if (expired || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }
  async auth(
    method: "GET" | "POST",
    pathname: string,
    opts: { form?: Record<string, string>; query?: Record<string, string> } = {},
  ) {
    const url = new URL(pathname, ORIGIN);
    for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
    const headers = new Headers({ host: "localhost:3000", cookie: this.cookieHeader() });
    if (opts.form) headers.set("content-type", "application/x-www-form-urlencoded");
    const req = new NextRequest(url, {
      method,
      headers,
      body: opts.form ? new URLSearchParams(opts.form).toString() : undefined,
    });
    hold.req = req;
    const nextauth = url.pathname.replace("/api/auth/", "").split("/");
    const handler = method === "GET" ? routes.auth.GET : routes.auth.POST;
    return this.take(await handler(req, { params: Promise.resolve({ nextauth }) }));
  }
  async me() {
    const req = new NextRequest(new URL("/api/me", ORIGIN), { headers: { cookie: this.cookieHeader() } });
    return routes.me.GET(req, { params: Promise.resolve({}) });
  }
  async signOut(everywhere = false) {
    const req = new NextRequest(new URL("/api/session/end", ORIGIN), {
      method: "POST",
      headers: {
        cookie: this.cookieHeader(),
        origin: ORIGIN,
        "sec-fetch-site": "same-origin",
        "content-type": "application/json",
      },
      body: JSON.stringify({ everywhere }),
    });
    return routes.end.POST(req, { params: Promise.resolve({}) });
  }
}

/** Sign-in → the IdP (skipped: the test is the IdP) → the callback, with an ID token shaped by `scenario`. */
async function signIn(browser: Browser, scenario: Scenario, callbackUrl = "/teams/pay?start=2026-01-01") {
  const { csrfToken } = (await (await browser.auth("GET", "/api/auth/csrf")).json()) as { csrfToken: string };
  const started = await browser.auth("POST", "/api/auth/signin/oidc", {
    form: { csrfToken, callbackUrl, json: "true" },
  });
  const answer = await started.text();
  if (!answer.includes(issuer.url))
    throw new Error(`sign-in answered ${started.status} ${answer} ${JSON.stringify(logs)}`);
  const authorize = new URL((JSON.parse(answer) as { url: string }).url);
  expect(authorize.origin).toBe(issuer.url);
  issuer.nonce = authorize.searchParams.get("nonce");
  issuer.codeChallenge = authorize.searchParams.get("code_challenge");
  issuer.scenario = scenario;
  const state = authorize.searchParams.get("state") ?? "";
  const back = await browser.auth("GET", "/api/auth/callback/oidc", {
    query: { code: "an-authorization-code", state },
  });
  return {
    authorize,
    location: back.headers.get("location") ?? "",
    signedIn: browser.jar.has("next-auth.session-token"),
  };
}

const verified = { email: "new.person@example.com", email_verified: true };
const lastLog = (event: string) =>
  logs
    .flatMap((l) => l.split("\n"))
    .filter((l) => l.includes(`"event":"${event}"`))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .at(-1);

beforeEach(() => {
  logs.length = 0;
  issuer.userInfoCalls.length = 0;
});

describe("OIDC sign-in: the authorization request", () => {
  it("sends state, a PKCE S256 challenge and a nonce", async () => {
    const { authorize } = await signIn(new Browser(), { idToken: verified });
    expect(authorize.searchParams.get("state")).toMatch(/.{20,}/);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("nonce")).toMatch(/.{20,}/);
    expect(authorize.searchParams.get("scope")).toBe("openid email profile");
  });
});

describe("OIDC sign-in: token defects are refused, each with its reason in the log", () => {
  const cases: [string, Scenario, string][] = [
    ["a wrong nonce", { idToken: { ...verified, nonce: "not-the-nonce" } }, "nonce_mismatch"],
    ["no nonce", { idToken: { ...verified, nonce: undefined } }, "nonce_mismatch"],
    ["another audience", { idToken: { ...verified, aud: "another-client" } }, "wrong_audience"],
    ["another issuer", { idToken: { ...verified, iss: "https://evil.example.com" } }, "wrong_issuer"],
    ["a key the issuer does not publish", { idToken: verified, foreignKey: true }, "bad_signature"],
    [
      "an expired token",
      {
        idToken: { ...verified, exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 },
      },
      "expired_token",
    ],
  ];
  it.each(cases)("%s → no session, auth.error reason %s", async (_name, scenario, reason) => {
    const browser = new Browser();
    const { location, signedIn } = await signIn(browser, scenario);
    expect(signedIn).toBe(false);
    expect(location).toMatch(/\/api\/auth\/error\?error=OAuthCallback$/);
    expect(lastLog("auth.error")).toMatchObject({ code: "OAUTH_CALLBACK_ERROR", reason, provider: "oidc" });
    expect(JSON.stringify(lastLog("auth.error"))).not.toContain("eyJ");
  });

  it("a state that is not this browser's → refused as a state mismatch", async () => {
    const browser = new Browser();
    const { csrfToken } = (await (await browser.auth("GET", "/api/auth/csrf")).json()) as { csrfToken: string };
    const started = await browser.auth("POST", "/api/auth/signin/oidc", {
      form: { csrfToken, callbackUrl: "/", json: "true" },
    });
    const authorize = new URL(((await started.json()) as { url: string }).url);
    issuer.nonce = authorize.searchParams.get("nonce");
    issuer.codeChallenge = authorize.searchParams.get("code_challenge");
    issuer.scenario = { idToken: verified };
    const back = await browser.auth("GET", "/api/auth/callback/oidc", { query: { code: "c", state: "forged-state" } });
    expect(back.headers.get("location")).toMatch(/error=OAuthCallback/);
    expect(lastLog("auth.error")).toMatchObject({ reason: "state_mismatch" });
  });
});

describe("OIDC sign-in: accounts are bound to the subject", () => {
  it("an unverified email naming the local admin is refused; nothing is linked; auth.denied names issuer and subject", async () => {
    const browser = new Browser();
    const { location, signedIn } = await signIn(browser, {
      idToken: { sub: "attacker", email: "admin@example.com", email_verified: false },
    });
    expect(signedIn).toBe(false);
    expect(location).toBe("/signin?error=EmailNotVerified");
    expect(lastLog("auth.denied")).toMatchObject({
      issuer: issuer.url,
      subject: "attacker",
      email: "admin@example.com",
      reason: "email_not_verified",
    });
    const links = await runtime.db
      .selectFrom("user_identities")
      .selectAll()
      .where("subject", "=", "attacker")
      .execute();
    expect(links).toEqual([]);
  });

  it("a verified email links to the account; a second sign-in with another email is matched by subject", async () => {
    const first = new Browser();
    const a = await signIn(
      first,
      { idToken: { sub: "admin-sub", email: "admin@example.com", email_verified: true } },
      "/teams/pay?start=2026-01-01",
    );
    expect(a.location).toBe(`${ORIGIN}/teams/pay?start=2026-01-01`);
    expect(await (await first.me()).json()).toMatchObject({ email: "admin@example.com", admin: true });
    expect(lastLog("auth.sign_in")).toMatchObject({
      issuer: issuer.url,
      subject: "admin-sub",
      user: "admin@example.com",
    });

    const second = new Browser();
    const b = await signIn(second, {
      idToken: { sub: "admin-sub", email: "admin.renamed@example.com", email_verified: false },
    });
    expect(b.signedIn).toBe(true);
    expect(await (await second.me()).json()).toMatchObject({ email: "admin@example.com" });
  });
});

describe("OIDC sign-in: claims from UserInfo", () => {
  it("an ID token with the email claims does not call UserInfo", async () => {
    const browser = new Browser();
    await signIn(browser, { idToken: { sub: "ui-0", email: "idtoken.only@example.com", email_verified: true } });
    expect(issuer.userInfoCalls).toEqual([]);
    expect(await (await browser.me()).json()).toMatchObject({
      email: "idtoken.only@example.com",
      admin: false,
      teams: [],
    });
  });

  it("an ID token without email takes email and email_verified from UserInfo", async () => {
    const browser = new Browser();
    const r = await signIn(browser, {
      idToken: { sub: "ui-1" },
      userInfo: { sub: "ui-1", email: "UserInfo.Only@example.com", email_verified: true },
    });
    expect(r.signedIn).toBe(true);
    expect(issuer.userInfoCalls).toEqual(["Bearer small-issuer-access-token"]);
    expect(await (await browser.me()).json()).toMatchObject({ email: "userinfo.only@example.com" });
  });

  it("UserInfo about another subject is refused", async () => {
    const r = await signIn(new Browser(), {
      idToken: { sub: "ui-2" },
      userInfo: { sub: "someone-else", email: "x@example.com", email_verified: true },
    });
    expect(r.signedIn).toBe(false);
    expect(lastLog("auth.error")).toMatchObject({ reason: "userinfo_subject_mismatch" });
  });

  it("no email anywhere → refused with EmailMissing", async () => {
    const r = await signIn(new Browser(), { idToken: { sub: "ui-3" }, userInfo: { sub: "ui-3" } });
    expect(r.location).toBe("/signin?error=EmailMissing");
    expect(lastLog("auth.denied")).toMatchObject({ subject: "ui-3", reason: "email_missing" });
  });
});

describe("sessions end on the server", () => {
  it("after sign-out, the cookie copied before it is refused; the IdP's logout is offered", async () => {
    const browser = new Browser();
    await signIn(browser, { idToken: { sub: "so-1", email: "leaver@example.com", email_verified: true } });
    const copied = new Browser();
    copied.jar = new Map(browser.jar);
    expect((await copied.me()).status).toBe(200);
    const out = await browser.signOut();
    const body = (await out.json()) as { ended: number; redirect: string };
    expect(body.ended).toBe(1);
    const logout = new URL(body.redirect);
    expect(logout.origin + logout.pathname).toBe(`${issuer.url}/logout`);
    expect(logout.searchParams.get("post_logout_redirect_uri")).toBe(`${ORIGIN}/signin`);
    expect(logout.searchParams.get("id_token_hint")).toMatch(/^eyJ/);
    expect((await copied.me()).status).toBe(401);
  });

  it("signing out of every device ends the user's other sessions", async () => {
    const one = new Browser();
    const two = new Browser();
    await signIn(one, { idToken: { sub: "so-2", email: "many@example.com", email_verified: true } });
    await signIn(two, { idToken: { sub: "so-2", email: "many@example.com", email_verified: true } });
    expect(((await (await one.signOut(true)).json()) as { ended: number }).ended).toBe(2);
    expect((await two.me()).status).toBe(401);
  });

  it("a removed user's cookie is refused on its next request", async () => {
    const browser = new Browser();
    await signIn(browser, { idToken: { sub: "rm-1", email: "removed@example.com", email_verified: true } });
    expect((await browser.me()).status).toBe(200);
    const { removeUser } = await import("@/lib/auth/users");
    await removeUser(runtime.db, "removed@example.com");
    expect((await browser.me()).status).toBe(401);
  });

  it("a cookie without a server-side session (as forged or made before sessions were recorded) is refused", async () => {
    const { encode } = await import("next-auth/jwt");
    const admin = await runtime.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "admin@example.com")
      .executeTakeFirstOrThrow();
    const token = await encode({ token: { uid: admin.id, sub: String(admin.id) }, secret: runtime.sessionSecret });
    const browser = new Browser();
    browser.jar.set("next-auth.session-token", token);
    expect((await browser.me()).status).toBe(401);
  });
});
