"use client";

// The report's CSV as a table (it is small, so it is parsed here), with the text to download.
import Papa from "papaparse";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table";

function downloadText(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  // The click starts the download synchronously; the URL is released after it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ReportTable({ csv, refId, teamName }: { csv: string; refId: number; teamName: string }) {
  const rows = useMemo(() => Papa.parse<string[]>(csv.trim(), { skipEmptyLines: true }).data, [csv]);
  const [header = [], ...body] = rows;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold">Report for {teamName}</h2>
        <button
          type="button"
          onClick={() => downloadText(csv, `efficiency-report-${refId}.csv`)}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          Download CSV
        </button>
      </div>
      {body.length === 0 ? (
        <p>The report has no rows for this range.</p>
      ) : (
        <DataTable
          caption={`Efficiency report for ${teamName}`}
          columns={header.map((label) => ({ label }))}
          rows={body.map((cells, i) => ({ key: String(i), cells: header.map((_, j) => cells[j] ?? "") }))}
          maxHeight={600}
        />
      )}
    </div>
  );
}
