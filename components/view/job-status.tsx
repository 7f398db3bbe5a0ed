"use client";

// The export job's state, live: QUEUED, PROCESSING, COMPLETED or FAILED, with the time waited,
// and a note while the view tries SEI again.
import { useEffect, useState } from "react";
import type { ExportStatus } from "@/lib/browser";

/** Seconds since `since`, ticking each second; null before the first tick (so server and browser render alike). */
function useElapsed(since: number, running: boolean): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [running]);
  return now === null || since === 0 ? null : Math.max(0, Math.round((now - since) / 1000));
}

export function JobStatus(props: {
  status: ExportStatus | "CREATING" | "PARSING";
  since: number;
  error?: string | null;
  note?: string | null;
  onRetry?: () => void;
}) {
  const running = props.status !== "COMPLETED" && props.status !== "FAILED";
  const waited = useElapsed(props.since, running);
  const label = {
    CREATING: "Creating the export",
    QUEUED: "Queued",
    PROCESSING: "Processing",
    PARSING: "Reading the CSV",
    COMPLETED: "Completed",
    FAILED: "Failed",
  }[props.status];
  return (
    <div
      role="status"
      aria-live="polite"
      className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <span className="font-medium">
        Export status: <span data-status={props.status}>{label}</span>
      </span>
      {running && waited !== null && <span className="text-slate-700 dark:text-slate-300">waited {waited} s</span>}
      {running && props.note && <span className="text-amber-800 dark:text-amber-200">{props.note}</span>}
      {props.status === "FAILED" && (
        <>
          <span className="text-red-700 dark:text-red-400">{props.error ?? "The export failed."}</span>
          {props.onRetry && (
            <button
              type="button"
              onClick={props.onRetry}
              className="rounded-md border border-slate-300 px-2 py-1 dark:border-slate-600"
            >
              Try again
            </button>
          )}
        </>
      )}
    </div>
  );
}
