import "server-only";
import { log } from "@/lib/server";

// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): when the IdP offers an
// end_session_endpoint and OIDC_END_SESSION=on, signing out of Fourfold also ends the IdP's session.

const endpoints = new Map<string, { url: string | null; at: number }>();
const CACHE_MS = 10 * 60_000;

async function endSessionEndpoint(issuer: string): Promise<string | null> {
  const hit = endpoints.get(issuer);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.url;
  let url: string | null = null;
  try {
    const res = await fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(5_000),
      redirect: "error",
    });
    const doc = res.ok ? ((await res.json()) as { end_session_endpoint?: unknown }) : {};
    const candidate = typeof doc.end_session_endpoint === "string" ? new URL(doc.end_session_endpoint) : null;
    url =
      candidate &&
      (candidate.protocol === "https:" || candidate.hostname === "127.0.0.1" || candidate.hostname === "localhost")
        ? candidate.href
        : null;
  } catch (err) {
    log.warn("auth.end_session_unavailable", { issuer, reason: err instanceof Error ? err.message : String(err) });
  }
  endpoints.set(issuer, { url, at: Date.now() });
  return url;
}

/** Where the browser goes after signing out: the IdP's logout, which returns to /signin, or /signin. */
export async function afterSignOutUrl(opts: {
  issuer: string;
  clientId: string;
  idToken: string | null;
  appUrl: string;
}): Promise<string> {
  const back = new URL("/signin", opts.appUrl).href;
  const endpoint = await endSessionEndpoint(opts.issuer);
  if (!endpoint) return "/signin";
  const url = new URL(endpoint);
  if (opts.idToken) url.searchParams.set("id_token_hint", opts.idToken);
  url.searchParams.set("client_id", opts.clientId);
  url.searchParams.set("post_logout_redirect_uri", back);
  return url.href;
}
