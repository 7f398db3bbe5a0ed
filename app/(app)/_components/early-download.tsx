import { csvDownloadPath, type EarlyExport } from "@/lib/browser";
import type { PreparedView } from "@/components/view/prepared-view";

/**
 * When the view's export is already complete but the page does not bring its figures (the file is
 * too large to hand over), the browser starts downloading its CSV as soon as this part of the page
 * streams in, long before the page's code runs and asks for it.
 */
export async function EarlyDownload({
  early,
  first,
}: {
  early: Promise<EarlyExport | null>;
  first: Promise<PreparedView | null>;
}) {
  const found = await early;
  if (found?.status?.status !== "COMPLETED" || (await first)) return null;
  return <link rel="preload" as="fetch" crossOrigin="anonymous" href={csvDownloadPath(found.status.id)} />;
}
