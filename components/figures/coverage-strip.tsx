"use client";

// "Data coverage", under the scorecards: how much of the team's data its figures see over the
// range (engine spec §9), a line each, a warning colour below 70%, and a link to the records
// concerned. The embedded engine's only: left out on a Harness connection.
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { coverageLines, coverageOptions, WHOLE_RANGE, type RecordMetric } from "@/lib/browser";

export interface CoverageStripProps {
  /** Null until known (an org tree's root comes with the export). */
  teamId: string | null;
  start: string;
  end: string;
  hrefOf: (state: { metric: RecordMetric; period: string }) => string;
  onOpen: (metric: RecordMetric, period: string) => void;
}

export function CoverageStrip({ teamId, start, end, hrefOf, onOpen }: CoverageStripProps) {
  const headingId = useId();
  const q = useQuery(coverageOptions({ teamId: teamId ?? "", start, end }, teamId !== null));
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h3 id={headingId} className="text-sm font-semibold">
        Data coverage
      </h3>
      {q.isPending ? (
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          Counting what the figures see…
        </p>
      ) : q.isError ? (
        <p role="alert" className="text-sm">
          The data coverage could not be counted: {q.error.message}
        </p>
      ) : (
        <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {coverageLines(q.data).map((l) => (
            <li
              key={l.key}
              className={`flex flex-col gap-1.5 rounded-md border p-2.5 text-sm ${
                l.low
                  ? "border-amber-400 bg-amber-50 text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-50"
                  : "border-slate-200 bg-white text-slate-800 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-200"
              }`}
            >
              {l.share !== null && (
                <span
                  aria-hidden="true"
                  className="h-1.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
                >
                  <span
                    className={`block h-full rounded-full ${l.low ? "bg-amber-600" : "bg-sky-600"}`}
                    style={{ width: `${Math.round(100 * l.share)}%` }}
                  />
                </span>
              )}
              <span>
                {l.low && (
                  <>
                    <span aria-hidden="true">⚠ </span>
                    <span className="sr-only">Below 70%: </span>
                  </>
                )}
                {l.text}
              </span>
              {l.records && (
                <a
                  className="self-start underline"
                  href={hrefOf({ metric: l.records.metric, period: WHOLE_RANGE })}
                  onClick={(e) => {
                    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                    e.preventDefault();
                    onOpen(l.records!.metric, WHOLE_RANGE);
                  }}
                >
                  {l.records.label}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
