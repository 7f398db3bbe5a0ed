// POST /v2/insights/teams/reports – the legacy synchronous DORA report, as CSV
import { readBody, withApiKey } from "@/lib/engine/http";
import { legacyReport } from "@/lib/engine/reports";

export const POST = withApiKey(
  async (req, { engine, projectIdentifier, orgIdentifier }) => {
    const body = await readBody(req, 64 * 1024);
    const format = req.nextUrl.searchParams.get("format");
    const { csv, teamRefId } = await legacyReport(engine, { format, projectIdentifier, orgIdentifier }, body);
    return new Response(csv, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="efficiency-report-${teamRefId}.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
  { orgRequired: false },
);
