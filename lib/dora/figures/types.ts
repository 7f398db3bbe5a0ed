import type { Build, Deployment, Incident, IsoDate, PullRequest, Team, WorkItem } from "../types";

/** Every record of one project; figures pick the scope's records themselves. */
export interface Dataset {
  teams: readonly Team[];
  workItems: readonly WorkItem[];
  pullRequests: readonly PullRequest[];
  builds: readonly Build[];
  deployments: readonly Deployment[];
  incidents: readonly Incident[];
}

export type CellValue = number | string | null;

export interface ExportRow {
  teamId: string;
  teamRefId: number;
  teamName: string;
  parentTeamId: string | null;
  hierarchy: string;
  orgTree: string;
  period: string;
  startDate: IsoDate;
  endDate: IsoDate;
  /** Metric columns (those after the hierarchy columns) by name. */
  values: Record<string, CellValue>;
}

export interface ExportResult {
  /** Every CSV column in order, hierarchy columns first. */
  columns: string[];
  rows: ExportRow[];
}
