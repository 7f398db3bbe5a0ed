"use client";

// A view's notes: read once for the view's team or org tree (its own and every team's below it),
// marked on the charts inside (through ChartNotesContext) and listed under them, where anyone who
// may open the view adds one, and its author or an admin changes or deletes it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useRef, useState } from "react";
import {
  annotationKeys,
  annotationListOptions,
  createAnnotation,
  deleteAnnotation,
  noteOverlaps,
  numberNotes,
  todayUtc,
  updateAnnotation,
  type AnnotationInput,
  type NumberedNote,
  type ViewScope,
} from "@/lib/browser";
import { ChartNotesContext } from "@/components/charts/mark-context";
import { NoteForm } from "./note-form";
import { NoteItem } from "./note-item";

export interface ViewNotesProps {
  scope: ViewScope;
  /** The team's or org tree's name. */
  title: string;
  /** The charts' range, `YYYY-MM-DD`. */
  start: string;
  end: string;
  /** The charts (or the table) the notes are marked on. */
  children: React.ReactNode;
  /** What the notes' numbers are marked on, for the words above the list. */
  markedOn?: string;
}

export function ViewNotes({ scope, title, start, end, children, markedOn = "on the charts" }: ViewNotesProps) {
  const list = useQuery(annotationListOptions(scope));
  const numbered = useMemo(() => numberNotes(list.data ?? [], scope), [list.data, scope]);
  const onCharts = useMemo(() => numbered.filter((n) => noteOverlaps(n.note, start, end)), [numbered, start, end]);
  return (
    <>
      <ChartNotesContext.Provider value={onCharts}>{children}</ChartNotesContext.Provider>
      <NotesPanel
        scope={scope}
        title={title}
        start={start}
        end={end}
        markedOn={markedOn}
        numbered={numbered}
        state={list.isPending ? "loading" : list.isError ? "failed" : "ready"}
        problem={list.error instanceof Error ? list.error.message : null}
      />
    </>
  );
}

function NotesPanel({
  scope,
  title,
  start,
  end,
  markedOn,
  numbered,
  state,
  problem,
}: Omit<ViewNotesProps, "children"> & {
  numbered: NumberedNote[];
  state: "loading" | "failed" | "ready";
  problem: string | null;
}) {
  const headingId = useId();
  const queryClient = useQueryClient();
  const [said, setSaid] = useState("");
  const [formKey, setFormKey] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  // A note on a sub-team shows on every ancestor's view: all lists are read again.
  const refresh = () => queryClient.invalidateQueries({ queryKey: annotationKeys.all });
  const add = useMutation({
    mutationFn: (input: AnnotationInput) => createAnnotation(scope, input),
    onSuccess: async () => {
      await refresh();
      setFormKey((k) => k + 1);
      setSaid("Note added.");
    },
  });
  const other = scope.kind === "team" ? "Sub-team" : "Team";
  return (
    <section
      aria-labelledby={headingId}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id={headingId} ref={heading} tabIndex={-1} className="text-lg font-semibold">
        Notes
      </h2>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Dated notes on {title} and the teams below it (a freeze, a change of practice), numbered as they are marked{" "}
        {markedOn}
        {markedOn === "on the charts" ? `; a dashed mark is a ${other.toLowerCase()}'s note` : ""}.
      </p>
      {state === "loading" && <p className="text-sm">Loading the notes…</p>}
      {state === "failed" && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          The notes could not be read: {problem ?? "unknown error"}
        </p>
      )}
      {state === "ready" && numbered.length === 0 && <p className="text-sm">No notes yet.</p>}
      {numbered.length > 0 && (
        <ol aria-label="Notes" className="list-none">
          {numbered.map((item) => (
            <NoteItem
              key={item.note.id}
              item={item}
              otherKind={other}
              onCharts={noteOverlaps(item.note, start, end)}
              onSave={async (input) => {
                await updateAnnotation(item.note.id, input);
                await refresh();
                setSaid(`Note ${item.number} saved.`);
              }}
              onDelete={async () => {
                await deleteAnnotation(item.note.id);
                await refresh();
                setSaid("Note deleted.");
                heading.current?.focus();
              }}
            />
          ))}
        </ol>
      )}
      <div className="border-t border-slate-200 pt-3 dark:border-slate-800">
        <h3 className="mb-2 text-sm font-semibold">Add a note to {title}</h3>
        <NoteForm
          key={formKey}
          label="Add a note"
          initial={{ startDate: todayUtc(), endDate: null, text: "" }}
          submitLabel="Add note"
          busy={add.isPending}
          error={add.error instanceof Error ? add.error.message : null}
          onSubmit={(input) => add.mutate(input)}
        />
      </div>
      <p role="status" className="text-sm">
        {said}
      </p>
    </section>
  );
}
