// The plots are loaded on demand (next/dynamic), out of the page's first load. A view starts loading
// them as soon as it runs, so their code is in by the time its data is.
export function preloadCharts(): void {
  void import("./lttc-plot");
  void import("./df-plot");
  void import("./line-plot");
}
