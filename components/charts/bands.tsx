// The benchmark bands behind a chart: one shaded area per rating level, clipped to the axis.
import { ReferenceArea } from "recharts";
import type { RatingBand } from "@/lib/dora";
import { RATING_FILL } from "./theme";

/** Bands scaled into the chart's unit (e.g. per-day bounds × days per period) and clipped to [0, yMax]. */
export function bandAreas(bands: readonly RatingBand[], yMax: number, scale = 1) {
  return bands.flatMap((b) => {
    const from = Math.max(0, (b.from ?? 0) * scale);
    const to = Math.min(yMax, b.to === null ? yMax : b.to * scale);
    if (to <= from) return [];
    return [
      <ReferenceArea
        key={b.rating}
        y1={from}
        y2={to}
        fill={RATING_FILL[b.rating]}
        fillOpacity={0.13}
        stroke="none"
        ifOverflow="hidden"
      />,
    ];
  });
}

/**
 * Dots for a line: all of them on a short series; on a long one only the isolated points, which
 * a line with gaps would otherwise not draw at all.
 */
export function lineDots(values: readonly (number | null)[], colour: string, maxWithDots: number) {
  if (values.length <= maxWithDots) return true;
  const isolated = new Set(
    values.flatMap((v, i) => (v !== null && values[i - 1] == null && values[i + 1] == null ? [i] : [])),
  );
  if (isolated.size === 0) return false;
  return function IsolatedDot(p: { cx?: number; cy?: number; index?: number }) {
    return isolated.has(p.index ?? -1) ? (
      <circle key={p.index} cx={p.cx} cy={p.cy} r={3} fill={colour} />
    ) : (
      <g key={p.index} />
    );
  };
}
