"use client";

// The top of a view: breadcrumbs, title, the settings, notes on bad URL values, the export's live
// status and the view's actions.
import { useState } from "react";
import type { ViewParams } from "@/lib/browser";
import { Breadcrumbs, type Crumb } from "./breadcrumbs";
import { JobStatus } from "./job-status";
import type { ExportStage } from "./use-export";
import { ViewControls } from "./view-controls";

export type { Crumb } from "./breadcrumbs";

export interface ViewHeaderProps {
  title: string;
  crumbs: Crumb[];
  view: ViewParams;
  search: string;
  notes: string[];
  onChange: (next: ViewParams) => void;
  job: {
    stage: ExportStage;
    since: number;
    error?: string | null;
    note: string | null;
    downloadHref: string | null;
    problem: Error | null;
    onRetry: () => void;
  };
}

export function ViewHeader({ title, crumbs, view, search, notes, onChange, job }: ViewHeaderProps) {
  const [copied, setCopied] = useState(false);
  return (
    <header className="space-y-3">
      <Breadcrumbs crumbs={crumbs} search={search} />
      <h1 className="text-2xl font-semibold">{title}</h1>
      <ViewControls view={view} onChange={onChange} />
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {view.start} to {view.end}
      </p>
      {notes.length > 0 && (
        <ul
          role="note"
          className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-center gap-2 print:hidden">
        <JobStatus status={job.stage} since={job.since} error={job.error} note={job.note} onRetry={job.onRetry} />
        {job.downloadHref && (
          <a
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-600"
            href={job.downloadHref}
          >
            Download CSV
          </a>
        )}
        <button
          type="button"
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-600"
          onClick={() => void navigator.clipboard.writeText(window.location.href).then(() => setCopied(true))}
        >
          Copy link
        </button>
        <span role="status" className="text-sm">
          {copied ? "Link copied" : ""}
        </span>
      </div>
      {job.problem && (
        <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
          {job.problem.message}
        </p>
      )}
    </header>
  );
}
