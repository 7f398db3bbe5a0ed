import { describe, expect, it } from "vitest";
import type { ExportParams } from "@/lib/dora/types";
import { formatBytes, formatTime, rerunBody, viewHref } from "./export-links";

const params = {
  scope: { teamId: "eng" },
  dateRange: { start: "2025-01-01", end: "2025-06-30" },
  metricGroups: ["lttc"],
  metrics: null,
  granularity: "WEEKLY",
  aggregation: "p90",
  compression: "gzip",
  format: "csv",
  timezone: "Europe/Paris",
  benchmark: "dora-2023",
} as unknown as ExportParams;

describe("viewHref", () => {
  it.each([
    [{ kind: "team", teamId: "eng" }, "/teams/eng?"],
    [{ kind: "orgTree", orgTreeName: "My Tree" }, "/org-trees/My%20Tree?"],
  ] as const)("%o → %s with the export's dates and options", (scope, path) => {
    expect(viewHref({ scope, params })).toBe(
      `${path}range=custom&start=2025-01-01&end=2025-06-30&granularity=WEEKLY&aggregation=p90&benchmark=dora-2023`,
    );
  });
});

describe("rerunBody", () => {
  it("repeats scope, dates, groups and every option", () => {
    expect(rerunBody({ scope: { kind: "orgTree", orgTreeName: "Eng" }, params })).toEqual({
      scope: { orgTreeName: "Eng" },
      dateRange: { start: "2025-01-01", end: "2025-06-30" },
      metricGroups: ["lttc"],
      metrics: null,
      options: {
        granularity: "WEEKLY",
        aggregation: "p90",
        compression: "gzip",
        format: "csv",
        timezone: "Europe/Paris",
        benchmark: "dora-2023",
      },
    });
  });
});

describe("formatBytes", () => {
  it.each([
    [null, "—"],
    [0, "0 bytes"],
    [999, "999 bytes"],
    [1000, "1.0 kB"],
    [1_536_000, "1.5 MB"],
  ])("%s → %s", (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe("formatTime", () => {
  it.each([
    [null, "—"],
    ["2025-03-04T05:06:07.000Z", "2025-03-04 05:06 UTC"],
    ["not a date", "not a date"],
  ])("%s → %s", (iso, text) => expect(formatTime(iso)).toBe(text));
});
