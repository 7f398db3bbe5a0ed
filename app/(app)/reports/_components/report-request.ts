// The legacy report's request from the form, and its CSV answer from the proxy.
import { problemOf } from "@/lib/browser";
import type { CALCULATION_TYPES, LEGACY_GRANULARITIES, LegacyMetric } from "@/lib/dora";

export interface ReportForm {
  teamRefId: number;
  dateStart: string;
  dateEnd: string;
  granularity: (typeof LEGACY_GRANULARITIES)[number];
  metrics: LegacyMetric[];
  calculationType: (typeof CALCULATION_TYPES)[number];
}

export interface ScopeTeam {
  id: string;
  name: string;
  refId: number;
}

export function reportBody(f: ReportForm) {
  return {
    dateStart: f.dateStart,
    dateEnd: f.dateEnd,
    teamRefId: f.teamRefId,
    granularity: f.granularity,
    efficiency: { metrics: f.metrics, calculationType: f.calculationType },
  };
}

export async function fetchReport(f: ReportForm): Promise<string> {
  const res = await fetch("/api/reports", {
    method: "POST",
    headers: { accept: "text/csv", "content-type": "application/json" },
    body: JSON.stringify(reportBody(f)),
    credentials: "same-origin",
  });
  if (!res.ok) throw await problemOf(res);
  return res.text();
}

export async function fetchTeams(): Promise<ScopeTeam[]> {
  const res = await fetch("/api/scopes", { headers: { accept: "application/json" }, credentials: "same-origin" });
  if (!res.ok) throw await problemOf(res);
  const body = (await res.json()) as { teams: ScopeTeam[] };
  return body.teams;
}
