// The five scorecards over a whole range: LTTC, DF, CFR, MTTR and the overall level, each with its
// rating, sample size and, given a previous range's figures, the change and whether it is better.
import type { RatedMetric } from "@/lib/dora";
import {
  formatDuration,
  formatPercent,
  formatRate,
  formatCount,
  changeFrom,
  type Direction,
  type ExportSummary,
  type MetricSummary,
} from "@/lib/browser";
import { RatingBadge } from "./rating-badge";

export interface ScorecardsProps {
  summary: ExportSummary;
  /** The previous range of the same length, for the change arrows. */
  previous?: ExportSummary | null;
  /** A line under the cards, e.g. where the figures come from. */
  note?: React.ReactNode;
}

interface CardSpec {
  metric: RatedMetric;
  title: string;
  better: Direction;
  value: (v: number | null) => string;
  sample: (n: number | null, s: MetricSummary & { failures?: number | null }) => string;
}

const CARDS: CardSpec[] = [
  {
    metric: "LTTC",
    title: "Lead time for changes",
    better: "lower",
    value: formatDuration,
    sample: (n) => `${formatCount(n)} ${n === 1 ? "change" : "changes"}`,
  },
  {
    metric: "DF",
    title: "Deployment frequency",
    better: "higher",
    value: formatRate,
    sample: (n) => `${formatCount(n)} ${n === 1 ? "deployment" : "deployments"}`,
  },
  {
    metric: "CFR",
    title: "Change failure rate",
    better: "lower",
    value: formatPercent,
    sample: (n, s) => `${formatCount(s.failures ?? null)} failed of ${formatCount(n)}`,
  },
  {
    metric: "MTTR",
    title: "Mean time to restore",
    better: "lower",
    value: formatDuration,
    sample: (n) => `${formatCount(n)} ${n === 1 ? "incident" : "incidents"}`,
  },
];

export const CARD =
  "flex min-w-0 flex-col gap-1 rounded-lg border border-slate-200 bg-white p-3 sm:p-4 dark:border-slate-800 dark:bg-slate-900";

export function Scorecards({ summary, previous, note }: ScorecardsProps) {
  return (
    <div className="space-y-2">
      <ul aria-label="Scorecards" className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        {CARDS.map((c) => {
          const s = summary[c.metric];
          return (
            <li key={c.metric} className={CARD}>
              <h3 className="text-sm font-medium text-slate-700 dark:text-slate-300">
                {c.title} <span className="text-slate-600 dark:text-slate-400">({c.metric})</span>
              </h3>
              <p className="text-xl font-semibold tabular-nums sm:text-2xl">{c.value(s.value)}</p>
              <p>
                <RatingBadge rating={s.rating} label={`${c.metric} rating`} />
              </p>
              <p className="text-sm text-slate-700 dark:text-slate-300">{c.sample(s.sample, s)}</p>
              <Change current={s.value} previous={previous?.[c.metric].value} better={c.better} />
            </li>
          );
        })}
        <li className={`${CARD} col-span-2 lg:col-span-1`}>
          <h3 className="text-sm font-medium text-slate-700 dark:text-slate-300">Overall level</h3>
          <p className="py-1">
            <RatingBadge rating={summary.overall} label="Overall rating" />
          </p>
          <p className="text-sm text-slate-700 dark:text-slate-300">The mean of the four ratings</p>
        </li>
      </ul>
      {note && <p className="text-sm text-slate-700 dark:text-slate-300">{note}</p>}
    </div>
  );
}

export function Change({
  current,
  previous,
  better,
}: {
  current: number | null;
  previous: number | null | undefined;
  better: Direction;
}) {
  if (previous === undefined) return null;
  const change = changeFrom(current, previous, better);
  if (!change) return <p className="text-sm text-slate-600 dark:text-slate-400">No previous figure to compare</p>;
  const { percent, improved } = change;
  const arrow = percent > 0 ? "▲" : percent < 0 ? "▼" : "■";
  const colour =
    improved === null
      ? "text-slate-700 dark:text-slate-300"
      : improved
        ? "text-elite dark:text-green-400"
        : "text-low dark:text-red-400";
  const verdict = improved === null ? "unchanged" : improved ? "better" : "worse";
  return (
    <p className={`text-sm font-medium ${colour}`}>
      <span aria-hidden>{arrow} </span>
      {formatPercent(Math.abs(percent))} {percent >= 0 ? "up" : "down"} vs previous range, {verdict}
    </p>
  );
}
