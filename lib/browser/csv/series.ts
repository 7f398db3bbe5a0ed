// One team's rows → the points the trend charts draw. No data stays null (a gap), never 0.
import type { MetricKey } from "./columns";
import type { ParsedExport, PeriodRow, TeamRows } from "./model";
import { DAY_MS } from "@/lib/dora";

export interface PeriodPoint {
  period: string;
  start: string | null;
  end: string | null;
}

export interface LttcPoint extends PeriodPoint {
  PLANNING: number | null;
  CODING: number | null;
  REVIEW: number | null;
  BUILD: number | null;
  DEPLOY: number | null;
  LTTC: number | null;
  changes: number | null;
}

export interface DfPoint extends PeriodPoint {
  deployments: number | null;
  perDay: number | null;
  /** Length of the period in days (inclusive dates), when the row has them. */
  days: number | null;
}

export interface CfrPoint extends PeriodPoint {
  percent: number | null;
  failures: number | null;
  total: number | null;
}

export interface MttrPoint extends PeriodPoint {
  days: number | null;
  incidents: number | null;
}

/** Failed deployment recovery time: the failed deployments recovered in the period. */
export interface FdrtPoint extends PeriodPoint {
  days: number | null;
  failures: number | null;
}

/** Deployment rework rate: the share of the period's deployments that recovered a failed one. */
export interface ReworkPoint extends PeriodPoint {
  percent: number | null;
  rework: number | null;
  deployments: number | null;
}

export interface TeamSeries {
  lttc: LttcPoint[];
  df: DfPoint[];
  cfr: CfrPoint[];
  mttr: MttrPoint[];
  fdrt: FdrtPoint[];
  rework: ReworkPoint[];
  /** Whether the file has the columns of each chart at all (Harness exports have no fdrt or rework). */
  has: { lttc: boolean; df: boolean; cfr: boolean; mttr: boolean; fdrt: boolean; rework: boolean };
}

type Columns = ParsedExport["metricColumns"];

export function periodDays(start: string | null, end: string | null): number | null {
  if (!start || !end) return null;
  const ms = Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`);
  return Number.isFinite(ms) && ms >= 0 ? Math.round(ms / DAY_MS) + 1 : null;
}

/** A figure of a row by its canonical key; null when the column is absent or the cell empty. */
export function figure(row: PeriodRow, columns: Columns, key: MetricKey): number | null {
  const name = columns[key];
  return name === undefined ? null : (row.values[name] ?? null);
}

export function cfrTotal(success: number | null, failures: number | null): number | null {
  return success === null && failures === null ? null : (success ?? 0) + (failures ?? 0);
}

export function toTeamSeries(team: Pick<TeamRows, "periods">, columns: Columns): TeamSeries {
  const f = (row: PeriodRow, key: MetricKey) => figure(row, columns, key);
  const base = (r: PeriodRow): PeriodPoint => ({ period: r.period, start: r.start, end: r.end });
  return {
    lttc: team.periods.map((r) => ({
      ...base(r),
      PLANNING: f(r, "planning"),
      CODING: f(r, "coding"),
      REVIEW: f(r, "review"),
      BUILD: f(r, "build"),
      DEPLOY: f(r, "deploy"),
      LTTC: f(r, "lttc"),
      changes: f(r, "lttcCount"),
    })),
    df: team.periods.map((r) => ({
      ...base(r),
      deployments: f(r, "dfCount"),
      perDay: f(r, "dfPerDay"),
      days: periodDays(r.start, r.end),
    })),
    cfr: team.periods.map((r) => {
      const failures = f(r, "cfrFailures");
      const total = cfrTotal(f(r, "cfrSuccess"), failures);
      const percent = f(r, "cfrPercent") ?? (total ? (100 * (failures ?? 0)) / total : null);
      return { ...base(r), percent, failures, total };
    }),
    mttr: team.periods.map((r) => ({ ...base(r), days: f(r, "mttr"), incidents: f(r, "mttrCount") })),
    fdrt: team.periods.map((r) => ({ ...base(r), days: f(r, "fdrt"), failures: f(r, "fdrtCount") })),
    rework: team.periods.map((r) => {
      const rework = f(r, "reworkCount");
      const deployments = f(r, "dfCount");
      const percent = f(r, "reworkPercent") ?? (rework !== null && deployments ? (100 * rework) / deployments : null);
      return { ...base(r), percent, rework, deployments };
    }),
    has: {
      lttc: columns.lttc !== undefined || columns.planning !== undefined,
      df: columns.dfCount !== undefined,
      cfr: columns.cfrPercent !== undefined || columns.cfrFailures !== undefined,
      mttr: columns.mttr !== undefined,
      fdrt: columns.fdrt !== undefined,
      rework: columns.reworkPercent !== undefined || columns.reworkCount !== undefined,
    },
  };
}
