// A plain, accessible table of text: a caption, column headers, one column of row headers, and
// scrolling inside its own focusable region when too wide or too long.
import { useId } from "react";

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

export function DataTable({ caption, showCaption = false, columns, rows, rowHeader = 0, maxHeight }: DataTableProps) {
  const id = useId();
  return (
    <div role="region" aria-labelledby={id} tabIndex={0} className="overflow-auto rounded-md border border-slate-200 dark:border-slate-700" style={maxHeight ? { maxHeight } : undefined}>
      <table className="w-full border-collapse text-sm">
        <caption id={id} className={showCaption ? "px-3 py-2 text-left font-medium" : "sr-only"}>
          {caption}
        </caption>
        <thead className="sticky top-0 bg-slate-100 dark:bg-slate-800">
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={`px-3 py-2 align-bottom font-semibold whitespace-nowrap ${c.numeric ? "text-right" : "text-left"}`}>
                {c.label}
                {c.hint && <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">{c.hint}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-t border-slate-200 odd:bg-white even:bg-slate-50 dark:border-slate-800 dark:odd:bg-slate-900 dark:even:bg-slate-950">
              {r.cells.map((cell, i) => {
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
          ))}
        </tbody>
      </table>
    </div>
  );
}
