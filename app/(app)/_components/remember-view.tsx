import { headers } from "next/headers";
import { rememberViewScript, viewSearch } from "@/lib/browser";
import { viewOf, type PageSearch } from "./view-search";

/**
 * The home page links to the last view: a view remembers itself as soon as its page arrives, even when the
 * user leaves before the page's code has started (the view also does so on every change).
 */
export async function RememberView({ path, search }: { path: string; search: PageSearch }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const href = `${path}?${viewSearch(viewOf(search))}`;
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: rememberViewScript(href) }} />;
}
