"use client";

// A labelled file input inside a zone that also takes a dropped file. The input itself is the
// keyboard path: Tab to it, Enter or Space opens the file chooser.
import { useId, useState } from "react";

export function CsvDropZone({ onFile, disabled }: { onFile: (file: File) => void; disabled?: boolean }) {
  const [over, setOver] = useState(false);
  const inputId = useId();
  const hintId = useId();
  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file && !disabled) onFile(file);
      }}
      className={`flex flex-col gap-3 rounded-lg border-2 border-dashed p-6 transition-colors ${over ? "border-blue-600 bg-blue-50 dark:border-blue-400 dark:bg-blue-950" : "border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900"}`}
    >
      <label htmlFor={inputId} className="text-base font-semibold">
        CSV file
      </label>
      <p id={hintId} className="text-sm text-slate-700 dark:text-slate-300">
        Drop an export here, or choose one. Plain <code>.csv</code> or gzip-compressed <code>.csv.gz</code>.
      </p>
      <input
        id={inputId}
        type="file"
        accept=".csv,.gz,text/csv,application/gzip"
        aria-describedby={hintId}
        disabled={disabled}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) onFile(file);
          e.currentTarget.value = "";
        }}
        className="max-w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-900 file:px-3 file:py-1.5 file:text-white hover:file:bg-slate-700 dark:file:bg-slate-100 dark:file:text-slate-900 dark:hover:file:bg-slate-300"
      />
    </div>
  );
}
