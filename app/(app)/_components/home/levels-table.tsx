// A home card's table: each team's levels in the last complete month, with the change from the
// month before, in words (for screen readers) and arrows. A team's name opens its view.
import Link from "next/link";
import { RatingBadge } from "@/components/rating-badge";
import type { Rating } from "@/lib/dora";
import { LEVEL_METRICS, levelChange, type HomeLevels, type HomeMonths, type LevelMetric } from "./home-levels";

const LABEL: Record<LevelMetric, string> = {
  overall: "Overall",
  LTTC: "Lead time",
  DF: "Deploy frequency",
  CFR: "Failure rate",
  MTTR: "Time to restore",
};

/** The view a team's name opens: the last three months, by month. */
const teamView = (id: string) => `/teams/${encodeURIComponent(id)}?range=3m&granularity=MONTHLY`;

function Change({ now, before }: { now: Rating | null; before: Rating | null }) {
  const change = levelChange(now, before);
  if (change === null) return null;
  const words = { up: `up from ${before}`, down: `down from ${before}`, same: "same as the month before" }[change];
  const look = {
    up: "text-green-800 dark:text-green-300",
    down: "text-red-800 dark:text-red-300",
    same: "text-slate-700 dark:text-slate-300",
  }[change];
  return (
    <span className={`text-xs whitespace-nowrap ${look}`}>
      <span aria-hidden="true">{{ up: "▲", down: "▼", same: "=" }[change]}</span>
      <span className={change === "same" ? "sr-only" : undefined}> {words}</span>
    </span>
  );
}

export function LevelsTable({ title, levels, months }: { title: string; levels: HomeLevels; months: HomeMonths }) {
  if (levels.teams.length === 0) return <p className="text-sm">This export has no rows for {title}.</p>;
  return (
    // relative: the sr-only words inside are positioned, and must scroll (and clip) with the table.
    <div data-home-levels className="relative overflow-x-auto">
      <table className="w-full min-w-[40rem] table-fixed text-sm">
        <caption className="sr-only">
          Levels of {title} in {months.last.label}, and the change from {months.previous.label}
        </caption>
        <thead className="border-b border-slate-200 text-left text-xs dark:border-slate-800">
          <tr>
            {/* Fixed widths: the cards' columns line up one under the other. */}
            <th scope="col" className="w-1/4 py-2 pr-2 font-semibold">
              Team
            </th>
            {LEVEL_METRICS.map((m) => (
              <th key={m} scope="col" className="px-2 py-2 font-semibold">
                {LABEL[m]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {levels.teams.map((t) => (
            <tr key={t.id} className="border-b border-slate-100 last:border-b-0 dark:border-slate-800">
              <th scope="row" className="py-1.5 pr-2 text-left font-normal">
                <span style={{ paddingLeft: `${Math.min(t.depth, 6) * 1}rem` }} className="inline-block">
                  <Link className="underline underline-offset-2" href={teamView(t.id)} prefetch={false}>
                    {t.name}
                  </Link>
                </span>
              </th>
              {LEVEL_METRICS.map((m) => (
                <td key={m} className="px-2 py-1.5">
                  <span className="flex flex-wrap items-center gap-x-1.5">
                    <RatingBadge rating={t.last?.[m] ?? null} size="sm" />
                    <Change now={t.last?.[m] ?? null} before={t.previous?.[m] ?? null} />
                  </span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {levels.more > 0 && <p className="mt-2 text-sm">And {levels.more} more teams: open the view to see them all.</p>}
    </div>
  );
}
