// The identity of an export request (spec §5): two creates with the same key within 30 minutes
// share one job. Params are already normalised by parseExportRequest; this adds the project and
// a stable spelling (sorted keys, groups in CSV order) so the key does not depend on how they were built.
import { METRIC_GROUPS, type ExportParams } from "./types";

export function exportParamsKey(params: ExportParams, org: string, project: string): string {
  const metricGroups = METRIC_GROUPS.filter((g) => params.metricGroups.includes(g));
  return stableStringify({ org, project, params: { ...params, metricGroups } });
}

/** JSON with object keys sorted at every depth; `undefined` members are left out, as JSON.stringify does. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => stableStringify(v ?? null)).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const members = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value);
}
