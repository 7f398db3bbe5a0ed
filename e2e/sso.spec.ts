import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { IDP_TOKEN, IDP_URL } from "../playwright.config";
import { suiteServer } from "./suite";

// Single sign-on through a real OpenID Provider (e2e/idp/server.mjs: oidc-provider on its defaults,
// which releases email only at UserInfo). Its login form takes any password; the login is the subject.

test.use({ storageState: { cookies: [], origins: [] } });

async function setAccount(sub: string, claims: Record<string, unknown>) {
  const res = await fetch(`${IDP_URL}/test/accounts/${encodeURIComponent(sub)}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${IDP_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(claims),
  });
  expect(res.status).toBe(204);
}

async function userInfoCalls(): Promise<number> {
  const res = await fetch(`${IDP_URL}/test/stats`, { headers: { authorization: `Bearer ${IDP_TOKEN}` } });
  return ((await res.json()) as { userinfo: number }).userinfo;
}

/** From Fourfold's sign-in page, through the IdP's login and consent, as `login`. */
async function ssoSignIn(page: Page, login: string) {
  await page.getByRole("button", { name: "Sign in with Single sign-on" }).click();
  await page.waitForURL((url) => url.href.startsWith(IDP_URL));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password will do");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // The first time a subject signs in, the IdP asks for consent.
  const consent = page.getByRole("button", { name: "Continue" });
  await page.waitForURL((url) => !url.href.startsWith(IDP_URL) || url.pathname.includes("/interaction/"));
  if (page.url().startsWith(IDP_URL) && (await consent.isVisible())) await consent.click();
  await page.waitForURL((url) => !url.href.startsWith(IDP_URL));
}

async function me(page: Page): Promise<{ status: number; email?: string; admin?: boolean }> {
  const res = await page.request.get("/api/me");
  return { status: res.status(), ...(res.ok() ? ((await res.json()) as { email: string; admin: boolean }) : {}) };
}

function usersCli(...args: string[]): string {
  return execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/users.ts", ...args], {
    env: { ...process.env, FOURFOLD_DATA_DIR: suiteServer().dataDir },
    encoding: "utf8",
  });
}

test.beforeEach(async ({ page }) => {
  // The IdP's stock pages import a web font; there is no internet here, so fail it at once.
  await page.route(/fonts\.googleapis\.com/, (route) => route.abort());
});

test("an unverified email naming the admin is refused, and a retry keeps the deep link", async ({ page }) => {
  const deepLink = "/teams/eng-payments?start=2026-01-01&end=2026-03-31&granularity=WEEKLY";
  await page.goto(deepLink);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await ssoSignIn(page, "mallory");
  await expect(page).toHaveURL(/\/signin\?error=EmailNotVerified/);
  await expect(page.getByRole("alert").filter({ hasText: "has not verified your email address" })).toBeVisible();
  expect((await me(page)).status).toBe(401);

  // The retry, now as the admin's verified IdP account (signed out of the IdP first: its session
  // would otherwise answer as the same account at once), lands on the same deep link.
  await page.context().clearCookies({ domain: "127.0.0.1" });
  await ssoSignIn(page, "admin-idp");
  await page.waitForURL((url) => url.pathname === "/teams/eng-payments");
  expect(new URL(page.url()).search).toBe(new URL(deepLink, "http://x").search);
  expect(await me(page)).toMatchObject({ status: 200, email: "admin@localhost", admin: true });
  // oidc-provider on its defaults puts no email in the ID token: it came from UserInfo.
  expect(await userInfoCalls()).toBeGreaterThan(0);
});

test("a verified email creates an account with no access, which says whom to ask", async ({ page }) => {
  await setAccount("dana", { email: "dana@example.com", email_verified: true, name: "Dana" });
  await page.goto("/");
  await ssoSignIn(page, "dana");
  await expect(page.getByRole("heading", { name: "You do not have access to any team yet" })).toBeVisible();
  await expect(page.getByText("admin@localhost")).toBeVisible();
  await expect(page.getByText("No team matches.")).toHaveCount(0);
});

test("a second sign-in is matched by subject after the email changed at the IdP", async ({ page, browser }) => {
  await setAccount("erin", { email: "erin@example.com", email_verified: true });
  await page.goto("/signin");
  await ssoSignIn(page, "erin");
  expect(await me(page)).toMatchObject({ status: 200, email: "erin@example.com" });

  await setAccount("erin", { email: "erin.renamed@example.com", email_verified: true });
  const fresh = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const other = await fresh.newPage();
  await other.route(/fonts\.googleapis\.com/, (route) => route.abort());
  await other.goto("/signin");
  await ssoSignIn(other, "erin");
  expect(await me(other)).toMatchObject({ status: 200, email: "erin@example.com" });
  expect(usersCli("identities", "erin@example.com")).toContain("erin.renamed@example.com");
  await fresh.close();
});

test("sign-out ends the session on the server and at the IdP; the old cookie is refused", async ({ page, browser }) => {
  await setAccount("frank", { email: "frank@example.com", email_verified: true });
  await page.goto("/signin");
  await ssoSignIn(page, "frank");
  const copied = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  // RP-initiated logout: the IdP asks, then sends the browser back to Fourfold's sign-in page.
  await page.waitForURL((url) => url.href.startsWith(IDP_URL));
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await page.waitForURL((url) => url.pathname === "/signin");

  const thief = await browser.newContext({ storageState: { cookies: copied, origins: [] } });
  const res = await thief.request.get("/api/me");
  expect(res.status()).toBe(401);
  await thief.close();
});

test("a removed user's session is refused on its next request", async ({ page }) => {
  await setAccount("gina", { email: "gina@example.com", email_verified: true });
  await page.goto("/signin");
  await ssoSignIn(page, "gina");
  expect((await me(page)).status).toBe(200);
  expect(usersCli("remove", "gina@example.com")).toBe("Removed gina@example.com.\n");
  expect((await me(page)).status).toBe(401);
  await page.goto("/teams");
  await expect(page).toHaveURL(/\/signin/);
});
