import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

// Every /api route file, found on disk, so a new route is covered the day it is added.
function apiRoutes(): string[] {
  const root = path.join(process.cwd(), "app", "api");
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") out.push(path.relative(root, dir).split(path.sep).join("/"));
    }
  };
  walk(root);
  return out
    .filter((r) => r !== "health" && !r.startsWith("auth/"))
    .map((r) => "/api/" + r.replace(/\[\.\.\.[^\]]+\]/g, "x/y").replace(/\[[^\]]+\]/g, "exp_TEST000001"));
}

const BYPASS_HEADERS: Record<string, string>[] = [
  {},
  { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
  { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
  { "x-middleware-subrequest": "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware" },
];

test.describe("API without a session", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the route list is not empty", () => {
    expect(apiRoutes()).toContain("/api/me");
  });

  for (const route of apiRoutes()) {
    test(`${route} → 401 JSON for every method it serves, whatever the headers`, async ({ request }) => {
      let served = 0;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        for (const headers of BYPASS_HEADERS) {
          const res = await request.fetch(route, {
            method,
            headers: { ...headers, "content-type": "application/json" },
            data: method === "GET" ? undefined : "{}",
          });
          if (res.status() === 405) continue;
          served++;
          expect(res.status(), `${method} ${JSON.stringify(headers)}`).toBe(401);
          expect(res.headers()["content-type"]).toContain("application/json");
          expect(await res.json()).toMatchObject({ code: "UNAUTHENTICATED" });
        }
      }
      expect(served, "the route serves at least one method").toBeGreaterThan(0);
    });
  }

  test("GET /api/health answers without a session", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", mode: "embedded", version: expect.any(String) });
  });

  test("responses carry the security headers", async ({ request }) => {
    const res = await request.get("/signin");
    const h = res.headers();
    expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(h["content-security-policy"]).toContain("object-src 'none'");
    expect(h["content-security-policy"]).toContain("base-uri 'none'");
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBeTruthy();
    const again = await request.get("/signin");
    expect(again.headers()["content-security-policy"]).not.toBe(h["content-security-policy"]);
  });
});
