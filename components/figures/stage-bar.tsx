// A pull request's lead time as its stages, one small stacked bar: each present stage's share in
// its colour (the lead-time chart's), the bar's length the lead time against the longest shown.
// Read as a sentence by screen readers.
import type { LttcRecord } from "@/lib/contract";
import { STAGES } from "@/lib/dora";
import { formatDuration } from "@/lib/browser";
import { STAGE_COLOURS } from "@/components/charts/theme";

const NAMES = { PLANNING: "planning", CODING: "coding", REVIEW: "review", BUILD: "build", DEPLOY: "deploy" } as const;

export function StageBar({ record, longest }: { record: LttcRecord; longest: number }) {
  const present = STAGES.flatMap((s) => {
    const days = record.stages[s];
    return days === null ? [] : [{ stage: s, days }];
  });
  const total = present.reduce((n, p) => n + p.days, 0);
  const length = longest > 0 ? Math.max(2, (100 * record.lttcDays) / longest) : 0;
  const label = present.map((p) => `${NAMES[p.stage]} ${formatDuration(p.days)}`).join(", ");
  return (
    <span role="img" aria-label={label || "no stages"} className="flex h-3 w-32 min-w-24 items-stretch sm:w-40">
      <span className="flex overflow-hidden rounded-sm" style={{ width: `${length}%` }}>
        {present.map((p) => (
          <span
            key={p.stage}
            style={{ width: `${total > 0 ? (100 * p.days) / total : 0}%`, background: STAGE_COLOURS[p.stage] }}
          />
        ))}
      </span>
    </span>
  );
}

/** The stages' colours, once above the table. */
export function StageKey() {
  return (
    <ul aria-label="Stages" className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-700 dark:text-slate-300">
      {STAGES.map((s) => (
        <li key={s} className="flex items-center gap-1">
          <span aria-hidden className="inline-block size-2.5 rounded-sm" style={{ background: STAGE_COLOURS[s] }} />
          {NAMES[s].charAt(0).toUpperCase() + NAMES[s].slice(1)}
        </li>
      ))}
    </ul>
  );
}
