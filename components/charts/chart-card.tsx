"use client";

// The frame of a trend chart: heading, what it shows, the benchmark bands' key, the plot, a
// switch to read the same data as a table, and the plot's pictures to download (SVG, PNG).
import { useId, useRef, useState } from "react";
import type { RatingBand } from "@/lib/dora";
import { DataTable, type DataTableProps } from "@/components/data-table";
import { ChartDownloads } from "./chart-download";
import type { PictureKeyItem } from "./picture";
import { RATING_FILL } from "./theme";

export interface ChartCardProps {
  title: string;
  /** One sentence: what is plotted; read as the chart's description. */
  description: string;
  bands: RatingBand[];
  /** Formats a band bound for the key, e.g. "7 days". */
  bound: (value: number) => string;
  table: Pick<DataTableProps, "columns" | "rows">;
  /** A key of the chart's own (its name and items) in place of the benchmark bands'. */
  legend?: { label: string; items: PictureKeyItem[] };
  children: React.ReactNode;
  /** What lies over the plot: the period picker's buttons (see period-picker.tsx). */
  overlay?: React.ReactNode;
  /** A click on the plot, given when its periods can be picked. */
  onPlotClick?: (e: React.MouseEvent<HTMLElement>) => void;
}

export function ChartCard({
  title,
  description,
  bands,
  bound,
  table,
  legend,
  children,
  overlay,
  onPlotClick,
}: ChartCardProps) {
  const [asTable, setAsTable] = useState(false);
  const headingId = useId();
  const descId = useId();
  const plot = useRef<HTMLDivElement>(null);
  const key = legend ?? { label: "Benchmark bands", items: bandKeyItems(bands, bound) };
  return (
    <section
      aria-labelledby={headingId}
      className="chart-card min-w-0 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={headingId} className="text-base font-semibold">
          {title}
        </h3>
        <div className="flex flex-wrap items-center gap-1 print:hidden">
          {!asTable && <ChartDownloads title={title} plot={plot} keyItems={key.items} />}
          <button
            type="button"
            aria-pressed={asTable}
            onClick={() => setAsTable((v) => !v)}
            className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Show data as table
          </button>
        </div>
      </div>
      <p id={descId} className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        {description}
      </p>
      <ChartKey label={key.label} items={key.items} />
      {asTable ? (
        <div className="mt-3">
          <DataTable
            caption={`${title}: data by period`}
            showCaption
            columns={table.columns}
            rows={table.rows}
            maxHeight={320}
          />
        </div>
      ) : (
        // The click is the mouse's way to a period; the overlay's buttons are the keyboard's.
        <div className={`relative mt-3 ${onPlotClick ? "cursor-pointer" : ""}`} onClick={onPlotClick}>
          <div
            ref={plot}
            role="img"
            aria-label={`${title} chart`}
            aria-describedby={descId}
            className="text-slate-800 dark:text-slate-200"
          >
            {children}
          </div>
          {overlay}
        </div>
      )}
    </section>
  );
}

function bandKeyItems(bands: RatingBand[], bound: (value: number) => string): PictureKeyItem[] {
  return bands
    .filter((b) => b.from === null || b.to === null || b.from < b.to)
    .map((b) => ({ label: `${b.rating} ${rangeText(b, bound)}`.trim(), colour: RATING_FILL[b.rating] }));
}

function ChartKey({ label, items }: { label: string; items: PictureKeyItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul aria-label={label} className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-700 dark:text-slate-300">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1">
          <span
            aria-hidden
            className="inline-block size-2.5 rounded-sm"
            style={{ background: item.colour, opacity: 0.6 }}
          />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

function rangeText(b: RatingBand, bound: (value: number) => string): string {
  if (b.from === null && b.to !== null) return `< ${bound(b.to)}`;
  if (b.to === null && b.from !== null) return `≥ ${bound(b.from)}`;
  if (b.from !== null && b.to !== null) return `${bound(b.from)} – ${bound(b.to)}`;
  return "";
}
