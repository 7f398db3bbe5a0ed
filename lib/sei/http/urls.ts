// The only URLs the proxy calls: the configured origin, its path prefix, and the four SEI endpoints.

export interface Endpoints {
  /** `https://host`: the only origin ever called. */
  origin: string;
  /** The base URL's path without its trailing slash, e.g. `/prod1/sei/api`, or ``. */
  prefix: string;
  /** Query parameters of the base URL (e.g. accountIdentifier), carried on every call. */
  baseQuery: URLSearchParams;
}

export function endpointsOf(baseUrl: string): Endpoints {
  const base = new URL(baseUrl);
  return { origin: base.origin, prefix: base.pathname.replace(/\/+$/, ""), baseQuery: base.searchParams };
}

const EXPORTS = "/v2/insights/efficiency/exports";

function build(e: Endpoints, path: string, query: Record<string, string>): URL {
  const url = new URL(e.origin + e.prefix + path);
  for (const [k, v] of e.baseQuery) url.searchParams.set(k, v);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url;
}

const ids = (org: string, project: string) => ({ orgIdentifier: org, projectIdentifier: project });

export const createUrl = (e: Endpoints, org: string, project: string) => build(e, EXPORTS, ids(org, project));

export const statusUrl = (e: Endpoints, org: string, project: string, exportId: string) =>
  build(e, `${EXPORTS}/${encodeURIComponent(exportId)}`, ids(org, project));

export const reportUrl = (e: Endpoints, org: string, project: string) =>
  build(e, "/v2/insights/teams/reports", { format: "csv", ...ids(org, project) });

/**
 * Where a COMPLETED export's `downloadUrl` points, or null when it would leave the configured origin
 * or the export's own download path: another host, `//host`, `user@host`, a backslash, or `..`
 * escaping the prefix. A path is read against the prefix (Harness writes it relative to the API's
 * base), unless it already starts with it.
 */
export function resolveDownloadUrl(
  e: Endpoints,
  raw: string,
  exportId: string,
  org: string,
  project: string,
): URL | null {
  if (raw !== raw.trim() || raw.includes("\\") || raw.startsWith("//")) return null;
  let url: URL;
  try {
    if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) url = new URL(raw);
    else if (raw.startsWith("/"))
      url = new URL(e.origin + (e.prefix !== "" && raw.startsWith(`${e.prefix}/`) ? raw : e.prefix + raw));
    else return null;
  } catch {
    return null;
  }
  if (url.origin !== e.origin || url.username !== "" || url.password !== "") return null;
  if (url.pathname !== `${e.prefix}${EXPORTS}/${encodeURIComponent(exportId)}/download`) return null;
  const out = build(e, url.pathname.slice(e.prefix.length), {});
  // The download URL's own query (a signature, say) is kept; the identifiers are always the configured ones.
  for (const [k, v] of url.searchParams) out.searchParams.set(k, v);
  for (const [k, v] of Object.entries(ids(org, project))) out.searchParams.set(k, v);
  return out;
}
