// What each trend chart hands its recharts plot, in one place: the chart cards draw the plot in the
// browser, and the server draws its snapshot (components/charts/snapshots) from the same props.
// Nothing here imports recharts, so the cards stay out of the page's first load.
import { type BenchmarkSet, ratingBands } from "@/lib/dora";
import {
  formatCount,
  formatDuration,
  formatPercent,
  type CfrPoint,
  type DfPoint,
  type FdrtPoint,
  type LttcPoint,
  type MttrPoint,
  type ReworkPoint,
  type TeamSeries,
} from "@/lib/browser";
import type { LinePlotProps } from "./line-plot";
import type { PeriodLayout } from "./period-probe";
import { SERIES_COLOUR } from "./theme";

export type ChartKind = "lttc" | "df" | "cfr" | "mttr";
export const CHART_KINDS: readonly ChartKind[] = ["lttc", "df", "cfr", "mttr"];

/** A plot's snapshot, drawn on the server: SVG markup by chart. */
export type ChartSnapshots = Partial<Record<ChartKind, string>>;

/**
 * The widths the server draws a chart at: a chart's width in the two-column layout of a 1,440 px
 * window, and in the one column of a 390 px phone.
 */
export const SNAPSHOT_WIDTHS = { wide: 640, narrow: 330 } as const;

/** A chart's snapshots at each width (see SNAPSHOT_WIDTHS); the page shows the one for its screen. */
export type PlotSnapshot = Partial<Record<keyof typeof SNAPSHOT_WIDTHS, string>>;

/** The charts' snapshots at each width. */
export type ChartSnapshotSets = Partial<Record<keyof typeof SNAPSHOT_WIDTHS, ChartSnapshots>>;

export function snapshotOf(sets: ChartSnapshotSets | undefined, kind: ChartKind): PlotSnapshot | undefined {
  const wide = sets?.wide?.[kind];
  const narrow = sets?.narrow?.[kind];
  return wide === undefined && narrow === undefined ? undefined : { wide, narrow };
}

/** Where the plot's periods lie, told to the card's period picker (browser only, never in a snapshot). */
export type OnPeriodLayout = (layout: PeriodLayout | null) => void;

export interface LttcPlotProps {
  points: LttcPoint[];
  benchmark: BenchmarkSet;
  /** A fixed width in pixels; without it the plot fills its container. */
  width?: number;
  onLayout?: OnPeriodLayout;
}

export interface DfPlotProps {
  points: DfPoint[];
  benchmark: BenchmarkSet;
  /** The period length the per-day benchmark bounds are scaled by (see typicalPeriodDays). */
  bandDays: number;
  width?: number;
  onLayout?: OnPeriodLayout;
}

/** The bands are per day; bars count a period, so the bands are drawn for the usual period length. */
export function typicalPeriodDays(points: readonly DfPoint[]): number {
  const days = points.flatMap((p) => (p.days === null ? [] : [p.days])).sort((a, b) => a - b);
  return days[Math.floor(days.length / 2)] ?? 30;
}

export function dfPlotProps(points: DfPoint[], benchmark: BenchmarkSet): DfPlotProps {
  return { points, benchmark, bandDays: typicalPeriodDays(points) };
}

export function cfrPlotProps(points: CfrPoint[], benchmark: BenchmarkSet): LinePlotProps<CfrPoint> {
  return {
    points,
    value: (p) => p.percent,
    name: "Change failure rate",
    colour: SERIES_COLOUR.cfr,
    bands: ratingBands("CFR", benchmark),
    emptyMax: 50,
    ceiling: 100,
    tick: formatPercent,
    tooltip: (p) => [
      { label: "Failure rate", value: formatPercent(p.percent), colour: SERIES_COLOUR.cfr },
      { label: "Failures / total", value: `${formatCount(p.failures)} / ${formatCount(p.total)}` },
    ],
  };
}

export function mttrPlotProps(points: MttrPoint[], benchmark: BenchmarkSet): LinePlotProps<MttrPoint> {
  return {
    points,
    value: (p) => p.days,
    name: "Time to restore",
    colour: SERIES_COLOUR.mttr,
    bands: ratingBands("MTTR", benchmark),
    emptyMax: 1,
    tick: formatDuration,
    tooltip: (p) => [
      { label: "Time to restore", value: formatDuration(p.days), colour: SERIES_COLOUR.mttr },
      { label: "Incidents", value: formatCount(p.incidents) },
    ],
  };
}

/** Failed deployment recovery time, rated (and banded) with the MTTR bounds (spec 4.13). */
export function fdrtPlotProps(points: FdrtPoint[], benchmark: BenchmarkSet): LinePlotProps<FdrtPoint> {
  return {
    points,
    value: (p) => p.days,
    name: "Failed deployment recovery time",
    colour: SERIES_COLOUR.fdrt,
    bands: ratingBands("MTTR", benchmark),
    emptyMax: 1,
    tick: formatDuration,
    tooltip: (p) => [
      { label: "Recovery time", value: formatDuration(p.days), colour: SERIES_COLOUR.fdrt },
      { label: "Failed deployments recovered", value: formatCount(p.failures) },
    ],
  };
}

/** Deployment rework rate: not rated, so no bands. */
export function reworkPlotProps(points: ReworkPoint[]): LinePlotProps<ReworkPoint> {
  return {
    points,
    value: (p) => p.percent,
    name: "Deployment rework rate",
    colour: SERIES_COLOUR.rework,
    bands: [],
    emptyMax: 20,
    ceiling: 100,
    tick: formatPercent,
    tooltip: (p) => [
      { label: "Rework rate", value: formatPercent(p.percent), colour: SERIES_COLOUR.rework },
      { label: "Rework / deployments", value: `${formatCount(p.rework)} / ${formatCount(p.deployments)}` },
    ],
  };
}

/** The charts a series can draw: those whose columns the export has. */
export function drawnKinds(series: TeamSeries): ChartKind[] {
  return CHART_KINDS.filter((k) => series.has[k]);
}
