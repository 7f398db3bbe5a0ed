export { TrendCharts, type TrendChartsProps } from "./trend-charts";
export { LttcChart, type LttcChartProps } from "./lttc-chart";
export { DfChart, type DfChartProps } from "./df-chart";
export { CfrChart, type CfrChartProps } from "./cfr-chart";
export { MttrChart, type MttrChartProps } from "./mttr-chart";
export { ChartCard, type ChartCardProps } from "./chart-card";
export { preloadCharts } from "./preload";
export { LevelsChart, type LevelsChartProps } from "./levels-chart";
export { ChartSubjectProvider, type ChartSubject } from "./chart-subject";
