// Fourfold's validated parameters back into the SEI request bodies: only fields Fourfold chose go upstream.
import { DEFAULT_BENCHMARK, type LegacyReportRequest, type ExportParams } from "@/lib/dora";

export function exportRequestBody(
  params: ExportParams,
  ids: { org: string; project: string },
): Record<string, unknown> {
  const scope =
    params.scope.kind === "team"
      ? { teamId: params.scope.teamId }
      : { orgTreeName: params.scope.orgTreeName, orgIdentifier: ids.org, projectIdentifier: ids.project };
  return {
    scope,
    dateRange: params.dateRange,
    metricGroups: params.metricGroups,
    ...(params.metrics ? { metrics: params.metrics } : {}),
    options: {
      granularity: params.granularity,
      aggregation: params.aggregation,
      compression: params.compression,
      format: params.format,
      timezone: params.timezone,
      // Harness documents no benchmark option: it is sent only when the user chose another set.
      ...(params.benchmark !== DEFAULT_BENCHMARK ? { benchmark: params.benchmark } : {}),
    },
  };
}

export function legacyReportBody(req: LegacyReportRequest): Record<string, unknown> {
  return {
    dateStart: req.dateStart,
    dateEnd: req.dateEnd,
    teamRefId: req.teamRefId,
    granularity: req.granularity,
    efficiency: { metrics: req.metrics, calculationType: req.calculationType },
  };
}
