"use client";

// The fields of a note: its day (or first day), an optional last day, and one line of text. Used to
// add a note and to change one. The server holds the same limits (lib/contract, ANNOTATION_LIMITS).
import { useId, useState } from "react";
import type { AnnotationInput } from "@/lib/browser";
import { ANNOTATION_LIMITS } from "@/lib/contract";

export const FIELD =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900";
export const BUTTON =
  "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800";
export const PRIMARY =
  "rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-slate-300";

export interface NoteFormProps {
  /** The form's accessible name, e.g. "Add a note". */
  label: string;
  initial: AnnotationInput;
  submitLabel: string;
  busy: boolean;
  error: string | null;
  onSubmit: (input: AnnotationInput) => void;
  onCancel?: () => void;
  /** Focus the text field when the form appears (editing). */
  autoFocus?: boolean;
}

export function NoteForm({ label, initial, submitLabel, busy, error, onSubmit, onCancel, autoFocus }: NoteFormProps) {
  const id = useId();
  const [start, setStart] = useState(initial.startDate);
  const [end, setEnd] = useState(initial.endDate ?? "");
  const [text, setText] = useState(initial.text);
  const endBeforeStart = end !== "" && start !== "" && end < start;
  return (
    <form
      aria-label={label}
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (endBeforeStart) return;
        onSubmit({ startDate: start, endDate: end === "" ? null : end, text: text.trim() });
      }}
    >
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-start`} className="text-xs font-medium">
          Date
        </label>
        <input
          id={`${id}-start`}
          type="date"
          required
          className={FIELD}
          value={start}
          onChange={(e) => setStart(e.target.value)}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-end`} className="text-xs font-medium">
          Until (optional)
        </label>
        <input
          id={`${id}-end`}
          type="date"
          min={start || undefined}
          className={FIELD}
          value={end}
          aria-invalid={endBeforeStart || undefined}
          aria-describedby={endBeforeStart ? `${id}-end-error` : undefined}
          onChange={(e) => setEnd(e.target.value)}
        />
      </div>
      <div className="flex min-w-0 flex-[1_1_16rem] flex-col gap-1">
        <label htmlFor={`${id}-text`} className="text-xs font-medium">
          Note
        </label>
        <input
          id={`${id}-text`}
          type="text"
          required
          maxLength={ANNOTATION_LIMITS.text}
          placeholder="e.g. deploy freeze"
          // Editing opens the form in place of the note: the person is there to type.
          autoFocus={autoFocus}
          className={FIELD}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="flex gap-2">
        <button type="submit" className={PRIMARY} disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className={BUTTON} onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {endBeforeStart && (
        <p id={`${id}-end-error`} role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
          The last day must not be before the first.
        </p>
      )}
      {error && (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </form>
  );
}
