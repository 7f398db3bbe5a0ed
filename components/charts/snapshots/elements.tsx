// The plot each chart kind draws, with the very props the browser's chart cards hand it. Loaded by
// draw.tsx only once the DOM globals are in place, since it brings recharts with it.
import type { ReactElement } from "react";
import type { BenchmarkSet } from "@/lib/dora";
import type { TeamSeries } from "@/lib/browser";
import DfPlot from "../df-plot";
import LinePlot from "../line-plot";
import LttcPlot from "../lttc-plot";
import { cfrPlotProps, dfPlotProps, mttrPlotProps, type ChartKind } from "../plot-props";

export { Global } from "recharts";

export function plotElement(kind: ChartKind, series: TeamSeries, benchmark: BenchmarkSet, width: number): ReactElement {
  switch (kind) {
    case "lttc":
      return <LttcPlot points={series.lttc} benchmark={benchmark} width={width} />;
    case "df":
      return <DfPlot {...dfPlotProps(series.df, benchmark)} width={width} />;
    case "cfr":
      return <LinePlot {...cfrPlotProps(series.cfr, benchmark)} width={width} />;
    case "mttr":
      return <LinePlot {...mttrPlotProps(series.mttr, benchmark)} width={width} />;
  }
}
