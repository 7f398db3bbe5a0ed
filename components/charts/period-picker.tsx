"use client";

// Picking a period of a trend chart to see its records: a click on the chart (anywhere in a
// period's column, its axis label included) or, by keyboard, one stop in the tab order whose
// arrow keys move between the periods (a toolbar with a roving tab stop) and Enter opens one.
// The buttons lie over the chart, transparent and blind to the mouse, so the chart's tooltip
// still follows the pointer; a focused one outlines its period's column.
import { useCallback, useState } from "react";
import type { PeriodLayout } from "./period-probe";

export interface PeriodPick {
  /** Opens the period's records. */
  onPick: (period: string) => void;
  /** What the period's records are, for the buttons' names, e.g. "pull requests". */
  records: string;
  /** The identity a button carries so that the panel can give it the focus back, e.g. `lttc`. */
  id: string;
}

export function usePeriodPicker(title: string, pick: PeriodPick | undefined) {
  const [layout, setLayout] = useState<PeriodLayout | null>(null);
  const onLayout = useCallback((l: PeriodLayout | null) => setLayout(l), []);
  if (!pick) return { onLayout: undefined, overlay: null, onPlotClick: undefined };
  const onPlotClick = (e: React.MouseEvent<HTMLElement>) => {
    if (!layout) return;
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
    const hit = layout.columns.find((c) => x >= c.left && x < c.left + c.width);
    if (hit) pick.onPick(hit.period);
  };
  const overlay = layout && <PeriodButtons title={title} layout={layout} pick={pick} />;
  return { onLayout, overlay, onPlotClick: layout ? onPlotClick : undefined };
}

function PeriodButtons({ title, layout, pick }: { title: string; layout: PeriodLayout; pick: PeriodPick }) {
  const count = layout.columns.length;
  // The roving tab stop: the last period until another is chosen.
  const [current, setCurrent] = useState(count - 1);
  const at = Math.min(current, count - 1);
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const to =
      e.key === "ArrowRight" || e.key === "ArrowDown"
        ? Math.min(count - 1, at + 1)
        : e.key === "ArrowLeft" || e.key === "ArrowUp"
          ? Math.max(0, at - 1)
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? count - 1
              : null;
    if (to === null) return;
    e.preventDefault();
    setCurrent(to);
    e.currentTarget.querySelectorAll<HTMLButtonElement>("button")[to]?.focus();
  };
  return (
    <div
      role="toolbar"
      aria-label={`${title}: periods`}
      aria-orientation="horizontal"
      onKeyDown={onKeyDown}
      className="pointer-events-none absolute inset-0"
    >
      {layout.columns.map((c, i) => (
        <button
          key={c.period}
          type="button"
          tabIndex={i === at ? 0 : -1}
          data-period-button={`${pick.id}:${c.period}`}
          aria-label={`${c.period}: show the ${pick.records}`}
          onFocus={() => setCurrent(i)}
          onClick={() => pick.onPick(c.period)}
          className="absolute rounded-sm bg-transparent outline-none focus-visible:bg-sky-500/10 focus-visible:ring-2 focus-visible:ring-sky-600 dark:focus-visible:ring-sky-400"
          style={{ left: c.left, width: c.width, top: layout.top, height: layout.height }}
        />
      ))}
    </div>
  );
}
