"use client";

// One note in the list under the charts: its number (its mark on the charts), dates, text, whose
// note it is and who wrote it; its author and admins may change or delete it in place.
import { useEffect, useRef, useState } from "react";
import type { AnnotationInput, NumberedNote } from "@/lib/browser";
import { BUTTON, NoteForm } from "./note-form";

export interface NoteItemProps {
  item: NumberedNote;
  /** What a note of another team is called here: "Sub-team" on a team's view, "Team" on an org tree's. */
  otherKind: string;
  /** Whether the note falls on the charts' range (else it has no mark). */
  onCharts: boolean;
  onSave: (input: AnnotationInput) => Promise<unknown>;
  onDelete: () => Promise<unknown>;
}

const problem = (err: unknown) => (err instanceof Error ? err.message : "Something went wrong.");

export function NoteItem({ item, otherKind, onCharts, onSave, onDelete }: NoteItemProps) {
  const { note, number, own } = item;
  const [mode, setMode] = useState<"show" | "edit" | "confirm">("show");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const back = useRef(false);

  useEffect(() => {
    if (mode === "confirm") confirmButton.current?.focus();
    if (mode === "show" && back.current) editButton.current?.focus();
    back.current = false;
  }, [mode]);

  const run = async (action: () => Promise<unknown>, after: "show" | null) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      if (after) {
        back.current = true;
        setMode(after);
      }
    } catch (err) {
      setError(problem(err));
    } finally {
      setBusy(false);
    }
  };

  const dates = note.endDate ? `${note.startDate} to ${note.endDate}` : note.startDate;
  return (
    <li className="flex gap-3 border-t border-slate-200 py-3 first:border-t-0 dark:border-slate-800">
      <span
        aria-hidden="true"
        className={`mt-0.5 inline-flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-bold ${
          own
            ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900"
            : "border-2 border-dashed border-slate-700 text-slate-900 dark:border-slate-300 dark:text-slate-100"
        }`}
      >
        {number}
      </span>
      <div className="min-w-0 flex-1 space-y-1">
        {mode === "edit" ? (
          <NoteForm
            label={`Change note ${number}`}
            initial={{ startDate: note.startDate, endDate: note.endDate, text: note.text }}
            submitLabel="Save"
            busy={busy}
            error={error}
            autoFocus
            onSubmit={(input) => void run(() => onSave(input), "show")}
            onCancel={() => {
              back.current = true;
              setError(null);
              setMode("show");
            }}
          />
        ) : (
          <>
            <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
              <span className="sr-only">Mark {number}: </span>
              <span className="font-medium tabular-nums">{dates}</span>
              {!own && (
                <span className="rounded bg-slate-200 px-1.5 py-px text-xs font-medium text-slate-800 dark:bg-slate-800 dark:text-slate-200">
                  {otherKind} {note.scopeName}
                </span>
              )}
              {!onCharts && (
                <span className="text-xs text-slate-700 dark:text-slate-300">(outside the range shown)</span>
              )}
            </p>
            <p className="break-words">{note.text}</p>
            <p className="text-xs text-slate-700 dark:text-slate-300">
              {note.author}, {note.createdAt.slice(0, 10)}
              {note.updatedAt ? ` (changed ${note.updatedAt.slice(0, 10)})` : ""}
            </p>
            {note.mayEdit && mode === "show" && (
              <div className="flex gap-2 pt-1">
                <button ref={editButton} type="button" className={BUTTON} onClick={() => setMode("edit")}>
                  Edit<span className="sr-only"> note {number}</span>
                </button>
                <button type="button" className={BUTTON} onClick={() => setMode("confirm")}>
                  Delete<span className="sr-only"> note {number}</span>
                </button>
              </div>
            )}
            {mode === "confirm" && (
              <div
                role="group"
                aria-label={`Delete note ${number}?`}
                className="flex flex-wrap items-center gap-2 pt-1"
              >
                <span className="text-sm font-medium">Delete this note?</span>
                <button
                  ref={confirmButton}
                  type="button"
                  disabled={busy}
                  className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
                  onClick={() => void run(onDelete, null)}
                >
                  Delete note
                </button>
                <button
                  type="button"
                  className={BUTTON}
                  onClick={() => {
                    back.current = true;
                    setError(null);
                    setMode("show");
                  }}
                >
                  Keep it
                </button>
              </div>
            )}
            {error && (
              <p role="alert" className="text-sm text-red-700 dark:text-red-400">
                {error}
              </p>
            )}
          </>
        )}
      </div>
    </li>
  );
}
