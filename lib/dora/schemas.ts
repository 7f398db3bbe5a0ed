// Request and response schemas of the SEI export contract (spec §5, §7); see schemas/ for each part.
export * from "./schemas/common";
export * from "./schemas/export-request";
export * from "./schemas/export-response";
export * from "./schemas/legacy-report";
export * from "./schemas/options";
export * from "./schemas/scope";
