"use client";

// The records panel's state, in the URL (lib/browser/records/params): opening pushes a history
// entry (so Back closes it), moving to another period and closing replace it. The history API is
// Next.js's too, so useSearchParams follows without a round trip to the server.
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useRef } from "react";
import { readRecordsParams, recordsSearch, type RecordMetric, type RecordsState, type ViewParams } from "@/lib/browser";

export interface RecordsPanelControl {
  state: RecordsState | null;
  /** What was wrong with the URL's panel state, as sentences. */
  notes: string[];
  hrefOf: (state: RecordsState | null) => string;
  open: (metric: RecordMetric, period: string) => void;
  move: (period: string) => void;
  close: () => void;
  /** Gives the focus back to what opened the panel (or to its period's button on the chart). */
  returnFocus: () => void;
}

export function useRecordsPanel(view: ViewParams, available: boolean): RecordsPanelControl {
  const search = useSearchParams();
  const pathname = usePathname();
  const opener = useRef<Element | null>(null);
  const { state, notes } = useMemo(() => readRecordsParams(search, view, available), [search, view, available]);
  const current = search.toString();
  const hrefOf = useCallback(
    (s: RecordsState | null) => `${pathname}?${recordsSearch(current, s)}`,
    [pathname, current],
  );
  const open = useCallback(
    (metric: RecordMetric, period: string) => {
      opener.current = document.activeElement;
      window.history.pushState(null, "", hrefOf({ metric, period }));
    },
    [hrefOf],
  );
  const move = useCallback(
    (period: string) => state && window.history.replaceState(null, "", hrefOf({ ...state, period })),
    [hrefOf, state],
  );
  const close = useCallback(() => window.history.replaceState(null, "", hrefOf(null)), [hrefOf]);
  const returnFocus = useCallback(() => {
    const was = opener.current;
    opener.current = null;
    if (was instanceof HTMLElement && was.isConnected && was !== document.body) return was.focus();
    if (!state) return;
    // Opened by a click on the chart, or by a link: its period's button on the chart, if drawn.
    const button = document.querySelector<HTMLElement>(
      `[data-period-button="${CSS.escape(`${state.metric}:${state.period}`)}"]`,
    );
    button?.focus();
  }, [state]);
  return { state, notes, hrefOf, open, move, close, returnFocus };
}
