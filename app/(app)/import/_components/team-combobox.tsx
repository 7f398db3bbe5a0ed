"use client";

// The team picker of an opened export: an ARIA combobox whose list holds only the first matches of
// what is typed, so a file of a thousand teams costs no more to show than one of ten.
import { useEffect, useId, useMemo, useState } from "react";
import { matchTeams } from "./team-search";

const LISTED = 50;

export interface TeamComboboxProps {
  /** Every team's label, in file order. */
  labels: readonly string[];
  /** The chosen team's index. */
  value: number;
  onChange: (index: number) => void;
}

export function TeamCombobox({ labels, value, onChange }: TeamComboboxProps) {
  const id = useId();
  const [query, setQuery] = useState<string | null>(null); // null: the input shows the chosen team
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const keys = useMemo(() => labels.map((l) => l.toLowerCase()), [labels]);
  const matches = useMemo(
    () => (open ? matchTeams(keys, query ?? "", LISTED) : { indices: [], total: 0 }),
    [open, keys, query],
  );
  const optionId = (n: number) => `${id}-option-${n}`;
  const activeIndex = open && matches.indices.length > 0 ? Math.min(active, matches.indices.length - 1) : -1;

  useEffect(() => {
    if (activeIndex >= 0) document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: "nearest" });
  });

  const close = () => {
    setOpen(false);
    setQuery(null);
  };
  const choose = (n: number) => {
    const team = matches.indices[n];
    if (team !== undefined) onChange(team);
    close();
  };
  const openAt = () => {
    setOpen(true);
    // Unfiltered, the list is the first teams in file order: start at the chosen one when listed.
    setActive(query === null && value < LISTED ? value : 0);
  };

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    const last = matches.indices.length - 1;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (!open) openAt();
      else setActive(Math.min(activeIndex + 1, last));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) openAt();
      else setActive(Math.max(activeIndex - 1, 0));
    } else if (e.key === "Enter" && open) {
      e.preventDefault();
      if (activeIndex >= 0) choose(activeIndex);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      close();
    }
  }

  return (
    <div className="relative flex w-[32rem] max-w-full flex-col gap-1">
      <label htmlFor={`${id}-input`} className="text-sm font-medium">
        Team
      </label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
        aria-describedby={`${id}-hint`}
        autoComplete="off"
        spellCheck={false}
        value={query ?? labels[value] ?? ""}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={(e) => e.currentTarget.select()}
        onClick={() => !open && openAt()}
        onBlur={close}
        onKeyDown={onKeyDown}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900"
      />
      <p id={`${id}-hint`} className="sr-only">
        {`${labels.length.toLocaleString("en")} teams. Type to filter, then choose with the arrow keys and Enter.`}
      </p>
      <div
        hidden={!open}
        className="absolute top-full left-0 z-20 mt-1 w-full rounded-md border border-slate-300 bg-white shadow-lg dark:border-slate-600 dark:bg-slate-900"
      >
        <ul id={`${id}-list`} role="listbox" aria-label="Teams" className="max-h-72 overflow-y-auto py-1 text-sm">
          {matches.indices.map((team, n) => (
            <li
              key={team}
              id={optionId(n)}
              role="option"
              aria-selected={n === activeIndex}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(n)}
              onMouseMove={() => n !== activeIndex && setActive(n)}
              className={`cursor-pointer px-3 py-1.5 ${n === activeIndex ? "bg-blue-600 text-white" : ""} ${team === value ? "font-semibold" : ""}`}
            >
              {labels[team]}
            </li>
          ))}
        </ul>
        <p className="border-t border-slate-200 px-3 py-1.5 text-xs text-slate-700 dark:border-slate-700 dark:text-slate-300">
          {countText(matches.indices.length, matches.total)}
        </p>
      </div>
    </div>
  );
}

function countText(listed: number, total: number): string {
  if (total === 0) return "No team matches.";
  if (listed < total)
    return `The first ${listed} of ${total.toLocaleString("en")} matching teams; type more to narrow.`;
  return `${total.toLocaleString("en")} ${total === 1 ? "team" : "teams"}.`;
}
