import { cloneElement, type ReactElement } from "react";
import { ResponsiveContainer } from "recharts";
import { CHART_HEIGHT } from "./theme";

/** A chart at a fixed width (a snapshot drawn on the server), or filling its container. */
export function sized(width: number | undefined, chart: ReactElement<{ width?: number; height?: number }>) {
  if (width) return cloneElement(chart, { width, height: CHART_HEIGHT });
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      {chart}
    </ResponsiveContainer>
  );
}
