"use client";

// The mapping document in a text editor with its line numbers; a refused save lists each problem
// next to the editor and marks its line, and a problem's button moves the caret to that line.
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { send, type Problem } from "./send";

const BUTTON =
  "rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-slate-300";

export function MappingEditor({ initialText, version }: { initialText: string; version: number }) {
  const router = useRouter();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const [text, setText] = useState(initialText);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const lines = text.split("\n").length;
  const bad = new Set(problem?.details.map((d) => d.line).filter((l): l is number => l !== undefined));

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setSaving(true);
    setSaved(null);
    const result = await send<{ version: number }>("PUT", "/api/sources/mapping", { text });
    setSaving(false);
    if (result.ok) {
      setProblem(null);
      setSaved(`Saved as version ${result.value.version}. Replay to apply it to the events already received.`);
      router.refresh();
    } else setProblem(result.problem);
  }

  function goToLine(line: number) {
    const el = area.current;
    if (!el) return;
    const start =
      text
        .split("\n")
        .slice(0, line - 1)
        .join("\n").length + (line > 1 ? 1 : 0);
    const end = start + (text.split("\n")[line - 1]?.length ?? 0);
    el.focus();
    el.setSelectionRange(start, end);
  }

  return (
    <form onSubmit={save} className="space-y-3" aria-label="Mapping editor">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <label htmlFor={`${id}-text`} className="font-medium">
          Mapping document (YAML or JSON)
        </label>
        <span className="text-sm text-slate-700 dark:text-slate-300">
          {version === 0 ? "Not saved yet: this is a starting point." : `Version ${version}`}
        </span>
      </div>
      <div className="grid gap-3 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="flex overflow-hidden rounded-md border border-slate-300 focus-within:ring-2 focus-within:ring-slate-500 dark:border-slate-600">
          <div
            ref={gutter}
            aria-hidden="true"
            className="overflow-hidden bg-slate-100 py-2 text-right font-mono text-sm leading-6 text-slate-600 select-none dark:bg-slate-800 dark:text-slate-400"
            style={{ height: "30rem" }}
          >
            {Array.from({ length: lines }, (_, i) => (
              <div
                key={i}
                className={`px-2 ${bad.has(i + 1) ? "bg-red-100 font-bold text-red-800 dark:bg-red-950 dark:text-red-200" : ""}`}
              >
                {bad.has(i + 1) ? `! ${i + 1}` : i + 1}
              </div>
            ))}
          </div>
          <textarea
            ref={area}
            id={`${id}-text`}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onScroll={(e) => {
              if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
            }}
            spellCheck={false}
            wrap="off"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problems` : `${id}-help`}
            className="min-w-0 flex-1 resize-none bg-white p-2 font-mono text-sm leading-6 outline-none dark:bg-slate-900"
            style={{ height: "30rem" }}
          />
        </div>
        <div className="space-y-2 text-sm">
          {problem ? (
            <div
              id={`${id}-problems`}
              role="alert"
              className="space-y-2 rounded-md border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
            >
              <p className="font-medium">{problem.message}</p>
              <ul className="space-y-1">
                {problem.details.map((d, i) => (
                  <li key={i}>
                    {d.line !== undefined && (
                      <button type="button" onClick={() => goToLine(d.line!)} className="mr-1 underline">
                        Line {d.line}
                      </button>
                    )}
                    <code>{d.field}</code>: {d.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p id={`${id}-help`} className="text-slate-700 dark:text-slate-300">
              <code>teams</code> maps repositories, PagerDuty services and Jira projects (exact names or globs, first
              match wins) to team ids; <code>production</code> names the production environments;{" "}
              <code>deployments</code> says what a deployment is per repository (GitHub deployments, a workflow&apos;s
              runs, or tags); <code>incidents.label</code> marks the issues that are incidents (
              <code>incidents.excludeServices</code>: PagerDuty services left out); <code>workItems</code> finds a pull
              request&apos;s work item. A problem is listed here, next to its line.
            </p>
          )}
          <p role="status" className="text-green-800 dark:text-green-300">
            {saved}
          </p>
        </div>
      </div>
      <button type="submit" className={BUTTON} disabled={saving}>
        {saving ? "Saving…" : "Save the mapping"}
      </button>
    </form>
  );
}
