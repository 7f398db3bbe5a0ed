// POST /v2/insights/teams/reports – the legacy synchronous DORA report, as CSV
import { readBody, legacyReport } from "@/lib/engine";
import { withProjectKey } from "@/lib/runtime";
import { csvAttachment } from "@/lib/server";

export const POST = withProjectKey(async (req, { engine, projectIdentifier, orgIdentifier }) => {
  const body = await readBody(req, 64 * 1024);
  const format = req.nextUrl.searchParams.get("format");
  const { csv, teamRefId } = await legacyReport(engine, { format, projectIdentifier, orgIdentifier }, body);
  return csvAttachment(csv, `efficiency-report-${teamRefId}.csv`);
});
