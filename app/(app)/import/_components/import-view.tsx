"use client";

// Open a CSV: the file is parsed in a Web Worker, in this browser; nothing is uploaded.
import { useEffect, useRef, useState } from "react";
import { type ParsedExport, parseCsvInWorker, type ParseProgress, warmParseWorker } from "@/lib/browser";
import { CsvDropZone } from "./csv-drop-zone";
import { ImportResult } from "./import-result";
import { ProblemList } from "./problem-list";

type State =
  | { kind: "idle" }
  | { kind: "parsing"; fileName: string; progress: ParseProgress }
  | { kind: "done"; fileName: string; model: ParsedExport }
  | { kind: "failed"; fileName: string; message: string };

export function ImportView() {
  const [state, setState] = useState<State>({ kind: "idle" });
  const current = useRef<AbortController | null>(null);
  // A worker takes a moment to load its script: one gets ready while the person picks a file.
  useEffect(() => warmParseWorker(), []);

  function open(file: File) {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    const fileName = file.name;
    setState({ kind: "parsing", fileName, progress: { fraction: 0, rows: 0 } });
    parseCsvInWorker(file, (progress) => setState({ kind: "parsing", fileName, progress }), controller.signal).then(
      (model) => {
        setState({ kind: "done", fileName, model });
        warmParseWorker();
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setState({ kind: "failed", fileName, message: err instanceof Error ? err.message : String(err) });
      },
    );
  }

  return (
    <div className="space-y-6">
      <CsvDropZone onFile={open} />
      <div role="status" aria-live="polite" className="text-sm text-slate-700 dark:text-slate-300">
        {state.kind === "parsing" && <ParsingProgress fileName={state.fileName} progress={state.progress} />}
        {state.kind === "done" &&
          `Read ${state.fileName}: ${state.model.rowCount.toLocaleString("en")} rows, ${state.model.teams.length} ${state.model.teams.length === 1 ? "team" : "teams"}.`}
      </div>
      {state.kind === "failed" && <ProblemList problems={[state.message]} />}
      {state.kind === "done" && (
        <>
          <ProblemList problems={state.model.problems} />
          {state.model.teams.length > 0 && (
            <ImportResult key={state.fileName + state.model.rowCount} model={state.model} />
          )}
        </>
      )}
    </div>
  );
}

function ParsingProgress({ fileName, progress }: { fileName: string; progress: ParseProgress }) {
  const percent = Math.round(progress.fraction * 100);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <progress value={percent} max={100} aria-label={`Reading ${fileName}`} className="h-2 w-48 accent-blue-600" />
      <span>
        Reading {fileName}… {percent}% ({progress.rows.toLocaleString("en")} rows)
      </span>
    </div>
  );
}
