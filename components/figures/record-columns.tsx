// The columns of each metric's records: what a cell shows, how a column sorts, and the order a
// table starts in (the slowest first where there is a duration, the failures first where some
// failed, else the figure's own order, by anchor).
import type { ReactNode } from "react";
import type {
  CfrRecord,
  DfRecord,
  FdrtRecord,
  LttcRecord,
  MttrRecord,
  RecordMetric,
  ReworkRecord,
} from "@/lib/contract";
import { formatDuration, sourceUrl } from "@/lib/browser";
import { StageBar } from "./stage-bar";

export interface RecordColumn<T> {
  key: string;
  label: string;
  numeric?: boolean;
  /** Absent: the column does not sort. */
  compare?: (a: T, b: T) => number;
  cell: (r: T, ctx: CellContext) => ReactNode;
}

export interface CellContext {
  teamName: (id: string) => string;
  /** The longest lead time shown, for the stage bars' common scale. */
  longest: number;
}

export type SortState = { key: string; dir: "asc" | "desc" };

export interface MetricColumns<T> {
  columns: RecordColumn<T>[];
  initial: SortState;
  /** The record's own id, unique in the list. */
  id: (r: T) => string;
}

const byNumber = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b);
const byText = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
const byFlag = (a: boolean, b: boolean) => Number(a) - Number(b);

/** An id, linked to its page at its source when its form names one (GitHub's). */
export function RecordId({ id }: { id: string }) {
  const url = sourceUrl(id);
  // Ids break at their hyphens first, and anywhere only when they must.
  const text = <span className="[overflow-wrap:anywhere]">{id}</span>;
  if (!url) return <span className="font-mono text-xs">{text}</span>;
  return (
    <a className="font-mono text-xs underline" href={url} target="_blank" rel="noopener noreferrer">
      {text}
      <span className="sr-only"> (opens at GitHub)</span>
    </a>
  );
}

/** An instant as `2026-01-05 14:03`, UTC (the view's exports are in UTC). */
export function At({ iso }: { iso: string | null }) {
  if (iso === null) return <span>–</span>;
  return (
    <time dateTime={iso} className="whitespace-nowrap tabular-nums">
      {iso.slice(0, 10)} {iso.slice(11, 16)}
    </time>
  );
}

function Ids({ ids, none }: { ids: readonly string[]; none: string }) {
  if (ids.length === 0) return <span className="text-slate-600 dark:text-slate-400">{none}</span>;
  return (
    <ul className="space-y-0.5">
      {ids.map((id) => (
        <li key={id}>
          <RecordId id={id} />
        </li>
      ))}
    </ul>
  );
}

const FAILED =
  "inline-block rounded-full bg-low-soft px-2 py-0.5 text-xs font-semibold text-low ring-1 ring-low/40 ring-inset dark:bg-low dark:text-white";
const MARK =
  "inline-block rounded-full bg-medium-soft px-2 py-0.5 text-xs font-semibold text-medium ring-1 ring-medium/40 ring-inset dark:bg-medium dark:text-white";
const QUIET = "text-slate-600 dark:text-slate-400";

function team<T extends { teamId: string }>(): RecordColumn<T> {
  return {
    key: "team",
    label: "Team",
    compare: (a, b) => byText(a.teamId, b.teamId),
    cell: (r, ctx) => ctx.teamName(r.teamId),
  };
}

const lttc: MetricColumns<LttcRecord> = {
  id: (r) => r.pullRequestId,
  initial: { key: "lttc", dir: "desc" },
  columns: [
    { key: "id", label: "Pull request", cell: (r) => <RecordId id={r.pullRequestId} /> },
    {
      key: "lttc",
      label: "Lead time",
      numeric: true,
      compare: (a, b) => byNumber(a.lttcDays, b.lttcDays),
      cell: (r) => formatDuration(r.lttcDays),
    },
    { key: "stages", label: "Stages", cell: (r, ctx) => <StageBar record={r} longest={ctx.longest} /> },
    team(),
    {
      key: "repository",
      label: "Repository",
      compare: (a, b) => byText(a.repository, b.repository),
      cell: (r) => r.repository,
    },
    {
      key: "anchor",
      label: "Deployed (UTC)",
      compare: (a, b) => byText(a.anchor, b.anchor),
      cell: (r) => <At iso={r.anchor} />,
    },
  ],
};

const df: MetricColumns<DfRecord> = {
  id: (r) => r.deploymentId,
  initial: { key: "finished", dir: "asc" },
  columns: [
    { key: "id", label: "Deployment", cell: (r) => <RecordId id={r.deploymentId} /> },
    team(),
    {
      key: "service",
      label: "Service",
      compare: (a, b) => byText(a.service, b.service),
      cell: (r) => r.service ?? "–",
    },
    {
      key: "repository",
      label: "Repository",
      compare: (a, b) => byText(a.repository, b.repository),
      cell: (r) => r.repository ?? "–",
    },
    {
      key: "finished",
      label: "Finished (UTC)",
      compare: (a, b) => byText(a.finishedAt, b.finishedAt),
      cell: (r) => <At iso={r.finishedAt} />,
    },
  ],
};

const cfr: MetricColumns<CfrRecord> = {
  id: (r) => r.deploymentId,
  initial: { key: "result", dir: "desc" },
  columns: [
    { key: "id", label: "Deployment", cell: (r) => <RecordId id={r.deploymentId} /> },
    {
      key: "result",
      label: "Result",
      // Failures first (desc), each group in time order.
      compare: (a, b) => byFlag(a.failure, b.failure) || byText(b.finishedAt, a.finishedAt),
      cell: (r) =>
        r.failure ? (
          <span className="flex flex-col items-start gap-0.5">
            <span className={FAILED}>Failed</span>
            <span className="text-xs">
              {r.status === "failure" ? "the deployment failed" : "it caused an incident"}
            </span>
          </span>
        ) : (
          <span className={QUIET}>Succeeded</span>
        ),
    },
    {
      key: "incidents",
      label: "Incidents",
      compare: (a, b) => a.incidentIds.length - b.incidentIds.length,
      cell: (r) => <Ids ids={r.incidentIds} none="none" />,
    },
    team(),
    {
      key: "finished",
      label: "Finished (UTC)",
      compare: (a, b) => byText(a.finishedAt, b.finishedAt),
      cell: (r) => <At iso={r.finishedAt} />,
    },
  ],
};

const mttr: MetricColumns<MttrRecord> = {
  id: (r) => r.incidentId,
  initial: { key: "restore", dir: "desc" },
  columns: [
    { key: "id", label: "Incident", cell: (r) => <RecordId id={r.incidentId} /> },
    {
      key: "restore",
      label: "Time to restore",
      numeric: true,
      compare: (a, b) => byNumber(a.restoreDays, b.restoreDays),
      cell: (r) => formatDuration(r.restoreDays),
    },
    {
      key: "deployment",
      label: "Its deployment",
      compare: (a, b) => byText(a.deploymentId, b.deploymentId),
      cell: (r) => (r.deploymentId ? <RecordId id={r.deploymentId} /> : <span className={MARK}>Not linked</span>),
    },
    team(),
    {
      key: "opened",
      label: "Opened (UTC)",
      compare: (a, b) => byText(a.openedAt, b.openedAt),
      cell: (r) => <At iso={r.openedAt} />,
    },
    {
      key: "resolved",
      label: "Resolved (UTC)",
      compare: (a, b) => byText(a.resolvedAt, b.resolvedAt),
      cell: (r) => <At iso={r.resolvedAt} />,
    },
  ],
};

const fdrt: MetricColumns<FdrtRecord> = {
  id: (r) => r.deploymentId,
  initial: { key: "recovery", dir: "desc" },
  columns: [
    { key: "id", label: "Failed deployment", cell: (r) => <RecordId id={r.deploymentId} /> },
    {
      key: "recovery",
      label: "Recovery time",
      numeric: true,
      compare: (a, b) => byNumber(a.recoveryDays, b.recoveryDays),
      cell: (r) => formatDuration(r.recoveryDays),
    },
    team(),
    {
      key: "failed",
      label: "Failed (UTC)",
      compare: (a, b) => byText(a.finishedAt, b.finishedAt),
      cell: (r) => <At iso={r.finishedAt} />,
    },
    { key: "by", label: "Recovered by", cell: (r) => <RecordId id={r.recoveryDeploymentId} /> },
    {
      key: "recovered",
      label: "Recovered (UTC)",
      compare: (a, b) => byText(a.recoveredAt, b.recoveredAt),
      cell: (r) => <At iso={r.recoveredAt} />,
    },
  ],
};

const rework: MetricColumns<ReworkRecord> = {
  id: (r) => r.deploymentId,
  initial: { key: "rework", dir: "desc" },
  columns: [
    { key: "id", label: "Deployment", cell: (r) => <RecordId id={r.deploymentId} /> },
    {
      key: "rework",
      label: "Rework",
      compare: (a, b) => byFlag(a.rework, b.rework) || byText(b.finishedAt, a.finishedAt),
      cell: (r) => (r.rework ? <span className={MARK}>Rework</span> : <span className={QUIET}>No</span>),
    },
    {
      key: "recovers",
      label: "Recovers",
      compare: (a, b) => a.recoveryOf.length - b.recoveryOf.length,
      cell: (r) => <Ids ids={r.recoveryOf} none="–" />,
    },
    team(),
    {
      key: "finished",
      label: "Finished (UTC)",
      compare: (a, b) => byText(a.finishedAt, b.finishedAt),
      cell: (r) => <At iso={r.finishedAt} />,
    },
  ],
};

/** The columns of a metric's records (typed loosely: a table holds one metric's records). */
export const RECORD_COLUMNS: Record<RecordMetric, MetricColumns<never>> = {
  lttc: lttc as MetricColumns<never>,
  df: df as MetricColumns<never>,
  cfr: cfr as MetricColumns<never>,
  mttr: mttr as MetricColumns<never>,
  fdrt: fdrt as MetricColumns<never>,
  rework: rework as MetricColumns<never>,
};

/** The records in the table's order; ties keep the figure's own order (by anchor). */
export function sortRecords<T>(items: readonly T[], spec: MetricColumns<T>, sort: SortState): T[] {
  const column = spec.columns.find((c) => c.key === sort.key);
  if (!column?.compare) return [...items];
  const sign = sort.dir === "asc" ? 1 : -1;
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => sign * column.compare!(a.item, b.item) || a.i - b.i)
    .map((x) => x.item);
}
