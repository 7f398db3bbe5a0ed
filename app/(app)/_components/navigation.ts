/**
 * Whether rendering a view's page may start work upstream (its early export): only for a
 * navigation made on this site (`Sec-Fetch-Site: same-origin`) or by the person alone (`none`:
 * typed, a bookmark). A link followed from another site (`cross-site`, `same-site`) carries the
 * session cookie (SameSite=Lax) but was not the person's choice of dates; nor is a request from a
 * browser that does not say. Those pages render without it, and the browser asks through the POST
 * route, which checks the origin.
 */
export function mayStartUpstream(secFetchSite: string | null): boolean {
  return secFetchSite === "same-origin" || secFetchSite === "none";
}
