// DORA's newer figures over the whole range, under the four keys' scorecards: failed deployment
// recovery time (rated with the MTTR bounds) and deployment rework rate (not rated). Shown only
// when the export has their columns, which Harness's exports never have.
import { formatCount, formatDuration, formatPercent, type ExportSummary } from "@/lib/browser";
import { RatingBadge } from "@/components/rating-badge";
import { CARD, Change } from "@/components/scorecards";

export function NewerScorecards({ summary, previous }: { summary: ExportSummary; previous?: ExportSummary | null }) {
  const { FDRT, REWORK } = summary;
  if (!FDRT && !REWORK) return null;
  const sub = "text-sm text-slate-700 dark:text-slate-300";
  return (
    <ul aria-label="Recovery and rework" className="grid grid-cols-2 gap-3 lg:grid-cols-5">
      {FDRT && (
        <li className={CARD}>
          <h3 className="text-sm font-medium text-slate-700 dark:text-slate-300">
            Failed deployment recovery time <span className="text-slate-600 dark:text-slate-400">(FDRT)</span>
          </h3>
          <p className="text-xl font-semibold tabular-nums sm:text-2xl">{formatDuration(FDRT.value)}</p>
          <p>
            <RatingBadge rating={FDRT.rating} label="FDRT rating" />
          </p>
          <p className={sub}>
            {formatCount(FDRT.sample)} failed {FDRT.sample === 1 ? "deployment" : "deployments"} recovered
          </p>
          <Change
            current={FDRT.value}
            previous={previous ? (previous.FDRT?.value ?? null) : undefined}
            better="lower"
          />
        </li>
      )}
      {REWORK && (
        <li className={CARD}>
          <h3 className="text-sm font-medium text-slate-700 dark:text-slate-300">Deployment rework rate</h3>
          <p className="text-xl font-semibold tabular-nums sm:text-2xl">{formatPercent(REWORK.value)}</p>
          <p className={sub}>Not rated</p>
          <p className={sub}>
            {formatCount(REWORK.rework)} of {formatCount(REWORK.sample)} deployments were rework
          </p>
          <Change
            current={REWORK.value}
            previous={previous ? (previous.REWORK?.value ?? null) : undefined}
            better="lower"
          />
        </li>
      )}
    </ul>
  );
}
