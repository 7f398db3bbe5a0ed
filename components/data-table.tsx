"use client";

// A plain, accessible table of text: a caption, column headers, one column of row headers, and
// scrolling inside its own focusable region when too wide or too long (see ScrollBox). A long table with a height
// cap renders only the rows in view (and a few around), so thousands of cells cost what a screenful does.
import { useId, useLayoutEffect, useRef, useState } from "react";
import { ScrollBox } from "./scroll-box";

export interface DataTableColumn {
  label: string;
  /** Right-aligned with tabular digits. */
  numeric?: boolean;
  /** A short note under the header, e.g. "not recognised". */
  hint?: string;
}

export interface DataTableProps {
  caption: string;
  /** Shows the caption above the table; otherwise it is for screen readers only. */
  showCaption?: boolean;
  columns: DataTableColumn[];
  rows: { key: string; cells: React.ReactNode[] }[];
  /** Which column labels each row (a row header). Default 0. */
  rowHeader?: number;
  /** Caps the height (px) and scrolls; headers stay in view. */
  maxHeight?: number;
}

/** Tables with more rows than this (and a height cap) render only the rows in view. */
export const WINDOWED_FROM = 60;
const OVERSCAN = 3;
/** A body row's height before one is measured: py-1.5 around a 20 px line, and its border. */
const ROW_PX = 33;

export function DataTable({ caption, showCaption = false, columns, rows, rowHeader = 0, maxHeight }: DataTableProps) {
  const id = useId();
  const body = useRef<HTMLTableSectionElement>(null);
  const [first, setFirst] = useState(0);
  const [rowPx, setRowPx] = useState(ROW_PX);
  const windowed = maxHeight !== undefined && rows.length > WINDOWED_FROM;
  const start = windowed ? Math.min(first, Math.max(0, rows.length - 1)) : 0;
  const end = windowed ? Math.min(rows.length, start + Math.ceil(maxHeight / rowPx) + 2 * OVERSCAN) : rows.length;

  useLayoutEffect(() => {
    const row = body.current?.querySelector<HTMLTableRowElement>("tr[aria-rowindex]");
    const px = row?.getBoundingClientRect().height;
    if (windowed && px && Math.abs(px - rowPx) > 0.5) setRowPx(px);
  }, [windowed, rowPx]);

  const onScroll = windowed
    ? (e: React.UIEvent<HTMLDivElement>) =>
        setFirst(Math.max(0, Math.floor(e.currentTarget.scrollTop / rowPx) - OVERSCAN))
    : undefined;
  const spacer = (n: number, key: string) =>
    n > 0 && (
      <tr key={key} aria-hidden="true">
        <td colSpan={columns.length} style={{ height: n * rowPx, padding: 0 }} />
      </tr>
    );

  return (
    <ScrollBox
      labelledBy={id}
      onScroll={onScroll}
      className="rounded-md border border-slate-200 dark:border-slate-700"
      style={maxHeight ? { maxHeight } : undefined}
    >
      <table className="w-full border-collapse text-sm" aria-rowcount={windowed ? rows.length + 1 : undefined}>
        <caption id={id} className={showCaption ? "px-3 py-2 text-left font-medium" : "sr-only"}>
          {caption}
        </caption>
        <thead className="sticky top-0 z-10 bg-slate-100 dark:bg-slate-800">
          <tr aria-rowindex={windowed ? 1 : undefined}>
            {columns.map((c, i) => (
              <th
                key={i}
                scope="col"
                className={`px-3 py-2 align-bottom font-semibold whitespace-nowrap ${c.numeric ? "text-right" : "text-left"}`}
              >
                {c.label}
                {c.hint && (
                  <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">{c.hint}</span>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={body}>
          {spacer(start, "before")}
          {rows.slice(start, end).map((r, n) => (
            <BodyRow
              key={r.key}
              index={start + n}
              windowed={windowed}
              cells={r.cells}
              columns={columns}
              rowHeader={rowHeader}
            />
          ))}
          {spacer(rows.length - end, "after")}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function BodyRow({
  index,
  windowed,
  cells,
  columns,
  rowHeader,
}: {
  index: number;
  windowed: boolean;
  cells: React.ReactNode[];
  columns: DataTableColumn[];
  rowHeader: number;
}) {
  // Stripes by the row's place in the data, not in the DOM, which a spacer row shifts.
  const stripe = index % 2 === 0 ? "bg-white dark:bg-slate-900" : "bg-slate-50 dark:bg-slate-950";
  return (
    <tr
      aria-rowindex={windowed ? index + 2 : undefined}
      className={`border-t border-slate-200 dark:border-slate-800 ${stripe}`}
    >
      {cells.map((cell, i) => {
        const cls = `px-3 py-1.5 whitespace-nowrap ${columns[i]?.numeric ? "text-right tabular-nums" : "text-left"}`;
        return i === rowHeader ? (
          <th key={i} scope="row" className={`${cls} font-medium`}>
            {cell}
          </th>
        ) : (
          <td key={i} className={cls}>
            {cell}
          </td>
        );
      })}
    </tr>
  );
}
