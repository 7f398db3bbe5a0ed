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
