import { describe, expect, it } from "vitest";
import { exportRequest, sameRequest } from "./export-request";

const view = { granularity: "MONTHLY", aggregation: "median", benchmark: "sei" };
const range = { start: "2026-05-01", end: "2026-10-31" };

describe("exportRequest", () => {
  it("asks for every metric group of a team, gzip", () =>
    expect(exportRequest({ kind: "team", teamId: "eng" }, view, range)).toEqual({
      scope: { teamId: "eng" },
      dateRange: range,
      metricGroups: ["lttc", "deployment_frequency", "cfr", "mttr", "rating", "summary"],
      options: { granularity: "MONTHLY", aggregation: "median", compression: "gzip", benchmark: "sei" },
    }));
  it("asks for the engine's newer groups only when the connection has them", () =>
    expect(exportRequest({ kind: "team", teamId: "eng" }, view, range, true).metricGroups).toEqual([
      "lttc",
      "deployment_frequency",
      "cfr",
      "mttr",
      "fdrt",
      "rework",
      "rating",
      "summary",
    ]));
  it("scopes an org tree by name", () =>
    expect(exportRequest({ kind: "orgTree", orgTreeName: "Eng" }, view, range).scope).toEqual({ orgTreeName: "Eng" }));
});

describe("sameRequest", () => {
  const a = exportRequest({ kind: "team", teamId: "eng" }, view, range);
  it.each([
    ["the same body", a, true],
    [
      "the same body, keys in another order",
      {
        options: a.options,
        metricGroups: a.metricGroups,
        dateRange: { end: range.end, start: range.start },
        scope: a.scope,
      },
      true,
    ],
    ["another end date", exportRequest({ kind: "team", teamId: "eng" }, view, { ...range, end: "2026-10-30" }), false],
    ["another team", exportRequest({ kind: "team", teamId: "plat" }, view, range), false],
    [
      "another granularity",
      exportRequest({ kind: "team", teamId: "eng" }, { ...view, granularity: "WEEKLY" }, range),
      false,
    ],
  ])("%s → %s", (_, b, same) => expect(sameRequest(a, b as typeof a)).toBe(same));
});
