// POST /api/reports – the legacy synchronous report (CSV) for a team the user may see
import { readMutationBody } from "@/lib/access";
import { parseLegacyReportRequest } from "@/lib/dora";
import { allowedOrigin, proxyContext, assertMayReport } from "@/lib/dashboard";
import { invalid, log, csvAttachment } from "@/lib/server";
import { withSession } from "@/lib/runtime";

export const POST = withSession(async (req, ctx) => {
  const body = await readMutationBody(req, ctx.user, allowedOrigin(ctx.runtime));
  const proxy = proxyContext(req, ctx);
  const parsed = parseLegacyReportRequest({ format: "csv", projectIdentifier: proxy.sei.identifiers.project }, body);
  if (!parsed.ok) throw invalid("The report request is invalid.", parsed.details);
  await assertMayReport(proxy, parsed.request.teamRefId);
  const csv = await proxy.sei.legacyReport(parsed.request, req.signal);
  log.info("proxy.report", { user: ctx.user.email, teamRefId: parsed.request.teamRefId, outcome: "ok" });
  return csvAttachment(csv, `efficiency-report-${parsed.request.teamRefId}.csv`);
});
