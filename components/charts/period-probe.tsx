"use client";

// Inside a plot (so inside recharts' context): where each period's column lies, read from the
// chart's own x scale and plot area, handed to the card's period picker. It draws nothing.
import { useEffect } from "react";
import { usePlotArea, useXAxisScale } from "recharts";

export interface PeriodColumn {
  period: string;
  /** From the plot's left edge, in pixels. */
  left: number;
  width: number;
}

export interface PeriodLayout {
  top: number;
  height: number;
  columns: PeriodColumn[];
}

/**
 * Each period's column: from halfway to the previous period's middle to halfway to the next one's,
 * the first and last reaching the plot area's edges. The same for bars (a band scale, read at the
 * band's middle) and lines (a point scale).
 */
export function periodLayout(
  periods: readonly string[],
  middleOf: (period: string) => number | undefined,
  area: { x: number; y: number; width: number; height: number },
): PeriodLayout | null {
  const middles = periods.map(middleOf);
  if (periods.length === 0 || middles.some((m) => m === undefined || !Number.isFinite(m))) return null;
  const m = middles as number[];
  const edges = [area.x, ...m.slice(1).map((x, i) => (m[i]! + x) / 2), area.x + area.width];
  const round = (v: number) => Math.round(v * 2) / 2;
  return {
    top: round(area.y),
    height: round(area.height),
    columns: periods.map((period, i) => ({
      period,
      left: round(edges[i]!),
      width: round(edges[i + 1]! - edges[i]!),
    })),
  };
}

export function PeriodProbe({
  periods,
  onLayout,
}: {
  periods: readonly string[];
  onLayout: (layout: PeriodLayout | null) => void;
}) {
  const area = usePlotArea();
  const scale = useXAxisScale();
  const layout = area && scale ? periodLayout(periods, (p) => scale(p, { position: "middle" }), area) : null;
  const key = JSON.stringify(layout);
  useEffect(() => {
    onLayout(JSON.parse(key) as PeriodLayout | null);
  }, [key, onLayout]);
  return null;
}
