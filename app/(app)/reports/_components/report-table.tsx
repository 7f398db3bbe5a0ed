"use client";

// The report's CSV as a table (it is small, so it is parsed here), with the text to download, and a
// Notes column: the numbers of the notes on each row's team over the report's range.
import Papa from "papaparse";
import { useMemo } from "react";
import { useChartNotes } from "@/components/charts/mark-context";
import { DataTable } from "@/components/data-table";
import type { ScopeTeam } from "./report-request";

function downloadText(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  // The click starts the download synchronously; the URL is released after it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ReportTable({
  csv,
  refId,
  teamName,
  teams,
}: {
  csv: string;
  refId: number;
  teamName: string;
  teams: readonly ScopeTeam[];
}) {
  const rows = useMemo(() => Papa.parse<string[]>(csv.trim(), { skipEmptyLines: true }).data, [csv]);
  const [header = [], ...body] = rows;
  const notes = useChartNotes();
  const refColumn = header.indexOf("Team_Ref_Id");
  const noteColumn = notes.length > 0 && refColumn >= 0;
  // Next to the team's name, so the numbers show without scrolling the figures aside.
  const at = noteColumn ? header.indexOf("Team_Name") + 1 || header.length : -1;
  const withNotes = <T,>(list: T[], note: T) => (at < 0 ? list : [...list.slice(0, at), note, ...list.slice(at)]);
  const notesOf = (cells: string[]) => {
    const team = teams.find((t) => String(t.refId) === cells[refColumn]);
    const own = notes.filter((n) => n.note.scope.kind === "team" && n.note.scope.teamId === team?.id);
    return own.map((n) => n.number).join(", ");
  };
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
          columns={withNotes(
            header.map((label) => ({ label })),
            { label: "Notes" },
          )}
          rows={body.map((cells, i) => ({
            key: String(i),
            cells: withNotes(
              header.map((_, j) => cells[j] ?? ""),
              at < 0 ? "" : notesOf(cells),
            ),
          }))}
          maxHeight={600}
        />
      )}
    </div>
  );
}
