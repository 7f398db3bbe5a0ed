import { NextResponse, type NextRequest } from "next/server";
import { securityHeaders } from "@/lib/server";

// Runs before every request but the engine's (/v2/): a fresh CSP nonce and the security headers,
// and, for pages, a quick redirect to sign-in when there is no session cookie at all. The real
// session check is done again where the data is: the app layout and every API handler (withSession).
// /v2/ is left out because Next.js copies the body of every request the proxy sees and cuts the
// copy at 10 MB, while ingestion takes up to 32 MiB; next.config.mjs gives /v2/ its headers.

const PUBLIC_PAGES = ["/signin"];
// Files of public/ that browsers and crawlers fetch without a session: icons, the manifest, robots.txt.
const PUBLIC_FILES = /^\/(favicon\.(ico|svg)|robots\.txt|manifest\.webmanifest|icons\/[\w-]+\.png)$/;
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export function proxy(req: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const https = req.nextUrl.protocol === "https:" || req.headers.get("x-forwarded-proto") === "https";
  const headers = securityHeaders({ nonce, https, dev: process.env.NODE_ENV === "development" });
  const { pathname, search } = req.nextUrl;
  const isPage = !pathname.startsWith("/api/") && !pathname.startsWith("/_next/") && !PUBLIC_FILES.test(pathname);

  if (isPage && !PUBLIC_PAGES.includes(pathname) && !SESSION_COOKIES.some((c) => req.cookies.has(c))) {
    const url = req.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    const res = NextResponse.redirect(url);
    for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
    return res;
  }

  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-fourfold-url", pathname + search);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

export const config = {
  matcher: [{ source: "/((?!favicon.ico|v2/).*)" }],
};
