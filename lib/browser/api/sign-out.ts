// Signing out without next-auth's browser library (which every signed-in page would otherwise
// load): the same two requests it makes, the CSRF token then the sign-out form post.
import { fetchJson } from "./fetch-json";

export async function signOut(callbackUrl = "/signin"): Promise<void> {
  const { csrfToken } = await fetchJson<{ csrfToken: string }>("/api/auth/csrf");
  const res = await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
    credentials: "same-origin",
  });
  const data = (await res.json().catch(() => null)) as { url?: string } | null;
  // Only a same-origin address: the answer's url is where next-auth sends us after sign-out.
  const next = data?.url && new URL(data.url, window.location.href).origin === window.location.origin ? data.url : callbackUrl;
  window.location.assign(next);
}
