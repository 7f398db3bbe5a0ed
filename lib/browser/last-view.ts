// The last team or org-tree view opened in this browser, so `/` can bring the user back to it.
const KEY = "fourfold:last-view";

export function rememberView(href: string): void {
  try {
    localStorage.setItem(KEY, href);
  } catch {
    // Storage may be off (private mode); the picker is the fallback.
  }
}

export function lastView(): string | null {
  try {
    const href = localStorage.getItem(KEY);
    return href && /^\/(teams|org-trees)\/[^/]/.test(href) ? href : null;
  } catch {
    return null;
  }
}

const literal = (v: string) =>
  JSON.stringify(v)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

/**
 * `rememberView(href)` as the source of an inline script, so that a view's page remembers itself
 * as soon as it arrives rather than once its code has started. Safe inside a <script> element.
 */
export function rememberViewScript(href: string): string {
  return `try{localStorage.setItem(${literal(KEY)},${literal(href)})}catch(e){}`;
}
