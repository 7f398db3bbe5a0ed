// GET /api/exports/{id}/download – the export's CSV, streamed: `?as=gzip` the file as SEI made it, else decompressed CSV
import { proxyContext, downloadFor } from "@/lib/dashboard";
import { invalid } from "@/lib/server";
import { withSession } from "@/lib/runtime";

export const GET = withSession<{ id: string }>(async (req, ctx) => {
  const as = req.nextUrl.searchParams.get("as") ?? "csv";
  if (as !== "gzip" && as !== "csv")
    throw invalid("`as` must be gzip or csv.", [{ field: "as", message: "must be gzip or csv" }]);
  const { id } = ctx.params;
  const { body, stored } = await downloadFor(proxyContext(req, ctx), id, as);
  // Only these headers: none of SEI's (no stale Content-Length or Content-Encoding) reach the browser.
  const headers: Record<string, string> = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };
  if (as === "gzip" && stored === "gzip") {
    headers["Content-Type"] = "application/gzip";
    headers["Content-Disposition"] = `attachment; filename="efficiency-${id}.csv.gz"`;
  } else {
    headers["Content-Type"] = "text/csv; charset=utf-8";
    if (as === "gzip") headers["Content-Disposition"] = `attachment; filename="efficiency-${id}.csv"`;
  }
  return new Response(body, { status: 200, headers });
});
