import { csvDownloadPath, type EarlyExport } from "@/lib/browser/api/export-request";

/**
 * When the view's export is already complete, the browser starts downloading its CSV as soon as
 * this part of the page streams in, long before the page's code runs and asks for it.
 */
export async function EarlyDownload({ early }: { early: Promise<EarlyExport | null> }) {
  const found = await early;
  if (found?.status?.status !== "COMPLETED") return null;
  return <link rel="preload" as="fetch" crossOrigin="anonymous" href={csvDownloadPath(found.status.id)} />;
}
