"use client";

// The records behind one figure: a side sheet (a modal <dialog>: the rest of the page is inert,
// Escape closes, the focus returns to what opened it) listing, for one metric and one period of
// the view (or its whole range), exactly the records the export's figure is computed over.
// Loaded on demand: a view without it open pays nothing for it.
import { useEffect, useId, useRef, useState } from "react";
import { RECORD_NOUNS, WHOLE_RANGE, type RecordMetric, type RecordsPeriod } from "@/lib/browser";
import { RecordsList } from "./records-list";

export const METRIC_TITLES: Record<RecordMetric, string> = {
  lttc: "Lead time for changes",
  df: "Deployment frequency",
  cfr: "Change failure rate",
  mttr: "Mean time to restore",
  fdrt: "Failed deployment recovery time",
  rework: "Deployment rework rate",
};

export interface RecordsPanelProps {
  metric: RecordMetric;
  period: RecordsPeriod;
  /** Null until the view knows its team (an org tree's root comes with the export). */
  teamId: string | null;
  teamTitle: string;
  teamName: (id: string) => string;
  /** The chart's figure for this period, as a sentence, when the export is read. */
  figure: string | null;
  /** The panel's own link (the view with the panel open), to copy. */
  href: string;
  onMove: (period: string) => void;
  onClose: () => void;
}

const BUTTON =
  "rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800";

export default function RecordsPanel(props: RecordsPanelProps) {
  const { metric, period, teamId, teamTitle, figure, onClose } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const whole = period.label === WHOLE_RANGE;
  const nouns = RECORD_NOUNS[metric];

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  /** The dialog stops being modal first, so that the focus can go back to the page. */
  const close = () => {
    dialog.current?.close();
    onClose();
  };

  return (
    // A click on the backdrop (the dialog itself, outside its sheet) closes it, as Escape does.
    <dialog
      ref={dialog}
      aria-labelledby={headingId}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      onClick={(e) => e.target === e.currentTarget && close()}
      className="records-panel fixed inset-y-0 right-0 left-auto m-0 h-dvh max-h-none w-full max-w-4xl bg-transparent p-0 text-slate-900 backdrop:bg-slate-950/40 dark:text-slate-100"
    >
      <div className="flex h-full flex-col overflow-hidden border-l border-slate-200 bg-white shadow-xl dark:border-slate-800 dark:bg-slate-900">
        <header className="space-y-2 border-b border-slate-200 p-4 dark:border-slate-800">
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0">
              <h2 id={headingId} className="text-lg font-semibold">
                {METRIC_TITLES[metric]}:{" "}
                <span className="whitespace-nowrap">{whole ? "the whole range" : period.label}</span>
              </h2>
              <p className="text-sm text-slate-700 dark:text-slate-300">
                {teamTitle}, {period.start} to {period.end} (UTC)
              </p>
            </div>
            <button type="button" className={BUTTON} onClick={close}>
              Close
            </button>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            {!whole && (
              <>
                <button
                  type="button"
                  className={BUTTON}
                  disabled={period.previous === null}
                  onClick={() => period.previous && props.onMove(period.previous)}
                >
                  ← Previous period
                </button>
                <button
                  type="button"
                  className={BUTTON}
                  disabled={period.next === null}
                  onClick={() => period.next && props.onMove(period.next)}
                >
                  Next period →
                </button>
              </>
            )}
            <CopyLink href={props.href} />
          </div>
          {figure && <p className="text-sm text-slate-700 dark:text-slate-300">{figure}</p>}
        </header>
        <div className="min-h-0 flex-1 overflow-auto p-4">
          {teamId === null ? (
            <p role="status">Waiting for the export to know the team…</p>
          ) : (
            <RecordsList
              key={`${teamId} ${metric} ${period.start} ${period.end}`}
              metric={metric}
              query={{ teamId, start: period.start, end: period.end }}
              nouns={nouns}
              teamName={props.teamName}
              caption={`${METRIC_TITLES[metric]}: the ${nouns.many} of ${whole ? "the whole range" : period.label}`}
            />
          )}
        </div>
      </div>
    </dialog>
  );
}

function CopyLink({ href }: { href: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <>
      <button
        type="button"
        className={BUTTON}
        onClick={async () => {
          await navigator.clipboard.writeText(new URL(href, window.location.origin).toString());
          setCopied(true);
        }}
      >
        Copy link to these records
      </button>
      <span role="status" className="text-sm text-slate-700 dark:text-slate-300">
        {copied ? "Link copied" : ""}
      </span>
    </>
  );
}
