// The tooltip of every trend chart: the period and a few named values, readable in both themes.

export interface TooltipLine {
  label: string;
  value: string;
  colour?: string;
}

export function ChartTooltip({ title, lines }: { title: string; lines: TooltipLine[] }) {
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs text-slate-900 shadow-md dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100">
      <p className="mb-1 font-semibold">{title}</p>
      <dl className="grid grid-cols-[auto_auto] gap-x-3 gap-y-0.5">
        {lines.map((l) => (
          <div key={l.label} className="contents">
            <dt className="flex items-center gap-1.5">
              {l.colour && (
                <span aria-hidden className="inline-block size-2 rounded-full" style={{ background: l.colour }} />
              )}
              {l.label}
            </dt>
            <dd className="text-right tabular-nums">{l.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
