// GET /v2/insights/efficiency/exports/{exportId}/download – the export's CSV file (gzip unless asked otherwise)
import { openExportDownload } from "@/lib/engine";
import { withApiKey } from "@/lib/runtime";

export const GET = withApiKey<{ exportId: string }>(async (_req, { engine, scope, params }) => {
  const { body, headers } = await openExportDownload(engine, scope, params.exportId);
  return new Response(body, { status: 200, headers });
});
