"use client";

// One export: what it covers, who asked, its status (polled while unfinished) and what can be done with it.
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createExport, exportKeys, exportStatusOptions, type ExportStatus, type ExportView } from "@/lib/browser";
import { formatBytes, formatTime, rerunBody, scopeLabel, viewHref } from "./export-links";

const STATUS_LABELS: Record<ExportStatus, string> = {
  QUEUED: "Queued",
  PROCESSING: "Processing",
  COMPLETED: "Completed",
  FAILED: "Failed",
};
const ACTION =
  "rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800";

function Field({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-wrap gap-x-2">
      <dt className="font-medium">{term}</dt>
      <dd className="text-slate-700 dark:text-slate-300">{children}</dd>
    </div>
  );
}

export function ExportCard({ item }: { item: ExportView }) {
  const queryClient = useQueryClient();
  const status = useQuery(exportStatusOptions(item.id));
  const rerun = useMutation({
    mutationFn: () => createExport(rerunBody(item)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: exportKeys.list() }),
  });
  const s = status.data;
  const p = item.params;
  const title = scopeLabel(item.scope);
  const label = `${title}, ${p.dateRange.start} to ${p.dateRange.end}`;
  const statusText = s ? STATUS_LABELS[s.status] : status.isError ? "Unknown" : "Checking";
  return (
    <article
      aria-label={label}
      className="space-y-3 rounded-md border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="font-semibold">
        {title}{" "}
        <span className="font-normal text-slate-700 dark:text-slate-300">
          · {p.dateRange.start} to {p.dateRange.end}
        </span>
      </h2>
      <dl className="grid gap-1 sm:grid-cols-2">
        <Field term="Options">
          {p.granularity.toLowerCase()}, {p.aggregation}, benchmark {p.benchmark}, {p.metricGroups.join(" ")}
        </Field>
        <Field term="Asked by">{item.createdBy}</Field>
        <Field term="Status">
          <span role="status" aria-live="polite" data-status={s?.status}>
            {statusText}
          </span>
          {s?.status === "FAILED" && s.error && (
            <span className="ml-2 text-red-700 dark:text-red-400">{s.error.message}</span>
          )}
        </Field>
        <Field term="Created">{formatTime(item.createdAt)}</Field>
        <Field term="Completed">{formatTime(s?.completedAt ?? null)}</Field>
        <Field term="Size">
          {formatBytes(s?.sizeBytes ?? null)}
          {s?.rowCount != null && `, ${s.rowCount.toLocaleString("en-US")} rows`}
        </Field>
      </dl>
      <div className="flex flex-wrap items-center gap-2">
        {s?.status === "COMPLETED" && (
          <a className={ACTION} href={`/api/exports/${encodeURIComponent(item.id)}/download?as=gzip`} download>
            Download<span className="sr-only"> {label}</span>
          </a>
        )}
        <Link className={ACTION} href={viewHref(item)}>
          Open as a view<span className="sr-only"> ({label})</span>
        </Link>
        <button type="button" className={ACTION} disabled={rerun.isPending} onClick={() => rerun.mutate()}>
          {rerun.isPending ? "Running…" : "Run again"}
          <span className="sr-only"> ({label})</span>
        </button>
        <span role="status" className="text-slate-700 dark:text-slate-300">
          {rerun.isSuccess &&
            (rerun.data.reused ? "An identical recent export was reused." : "A new export was started.")}
        </span>
        {rerun.isError && (
          <span role="alert" className="text-red-700 dark:text-red-400">
            {rerun.error.message}
          </span>
        )}
      </div>
    </article>
  );
}
