// Signing out without next-auth's browser library (which every signed-in page would otherwise
// load). First the server ends the session (or every session of the user) and says where to go
// next: /signin, or the IdP's logout when that is configured. Then next-auth clears the cookie,
// with the same two requests its library makes (the CSRF token, then the sign-out form post).
import { fetchJson } from "./fetch-json";

export async function signOut({ everywhere = false }: { everywhere?: boolean } = {}): Promise<void> {
  let next = "/signin";
  try {
    const ended = await fetchJson<{ redirect?: unknown }>("/api/session/end", {
      method: "POST",
      body: JSON.stringify({ everywhere }),
    });
    if (typeof ended.redirect === "string" && /^(\/[^/\\]|https?:\/\/)/.test(ended.redirect)) next = ended.redirect;
  } catch {
    // Already ended (or the server is gone): clearing the cookie below is all that is left to do.
  }
  try {
    const { csrfToken } = await fetchJson<{ csrfToken: string }>("/api/auth/csrf");
    await fetch("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: "/signin", json: "true" }),
      credentials: "same-origin",
    });
  } finally {
    window.location.assign(next);
  }
}
