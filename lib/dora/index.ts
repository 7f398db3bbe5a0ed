// The pure DORA domain: periods, aggregation, benchmarks and ratings, the team tree, linking,
// figures, CSV and the legacy report. Imports nothing of the server; runs in the browser too.
export * from "./types";
export * from "./columns";
export { DAY_MS, dayNumber, dayToIsoDate, startOfDayMs, assertTimeZone } from "./zone";
export * from "./periods";
export * from "./aggregate";
export * from "./benchmarks";
export * from "./ratings";
export * from "./hierarchy";
export * from "./linking";
export type { Dataset, ExportRow, ExportResult, CellValue } from "./figures/types";
export { computeExport, exportColumns } from "./figures/compute-export";
export * from "./csv";
export * from "./legacy-report";
