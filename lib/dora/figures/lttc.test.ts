import { describe, expect, it } from "vitest";
import { at, build, dataset, dep, pr, workItem } from "../test-factories";
import type { ExportParams } from "../types";
import { computeExport } from "./compute-export";

const params = (extra: Partial<ExportParams> = {}): ExportParams => ({
  scope: { kind: "team", teamId: "t" },
  dateRange: { start: "2026-01-05", end: "2026-01-18" },
  metricGroups: ["lttc"],
  metrics: null,
  granularity: "WEEKLY",
  aggregation: "mean",
  compression: "none",
  format: "csv",
  timezone: "UTC",
  benchmark: "sei",
  ...extra,
});

interface Timeline {
  t0?: string;
  t1: string;
  t2: string;
  t3: string;
  t4?: string;
  t5: string;
}

/** The first week's LTTC cells for one PR with that timeline. */
function stages(tl: Timeline) {
  const ds = dataset({
    workItems: tl.t0 ? [workItem("w", tl.t0)] : [],
    pullRequests: [
      pr("p", {
        firstCommitAt: at(tl.t1),
        openedAt: at(tl.t2),
        mergedAt: at(tl.t3),
        mergeCommitSha: "s",
        workItemId: tl.t0 ? "w" : null,
      }),
    ],
    builds: tl.t4 ? [build("b", "s", tl.t4)] : [],
    deployments: [dep("d", tl.t5, { pullRequestIds: ["p"] })],
  });
  const v = computeExport(ds, params()).rows[0]!.values;
  return [
    v.PLANNING_Mean_Days,
    v.CODING_Mean_Days,
    v.REVIEW_Mean_Days,
    v.BUILD_Mean_Days,
    v.DEPLOY_Mean_Days,
    v.LTTC_Mean_Days,
    v.LTTC_Change_Count,
  ];
}

const D = (day: number, hour = 0) => `2026-01-0${day}T${String(hour).padStart(2, "0")}:00:00Z`;

describe("LTTC timeline and stages (spec §4.3)", () => {
  it.each([
    [
      "every stage present, in order",
      { t0: D(1), t1: D(2), t2: D(3), t3: D(4), t4: D(5), t5: D(6) },
      [1, 1, 1, 1, 1, 5, 1],
    ],
    [
      "no work item: no PLANNING, LTTC from first commit",
      { t1: D(2), t2: D(3), t3: D(4), t4: D(5), t5: D(6) },
      [null, 1, 1, 1, 1, 4, 1],
    ],
    [
      "no build: no BUILD, DEPLOY from merge",
      { t0: D(1), t1: D(2), t2: D(3), t3: D(4), t5: D(6) },
      [1, 1, 1, null, 2, 5, 1],
    ],
    [
      "work item created after the first commit: capped at it, PLANNING 0, LTTC from the first commit",
      { t0: D(3, 12), t1: D(2), t2: D(3), t3: D(4), t4: D(5), t5: D(6) },
      [0, 1, 1, 1, 1, 4, 1],
    ],
    [
      "build before the merge: the merge is capped at the build, REVIEW and BUILD shrink, LTTC kept",
      { t1: D(2), t2: D(3), t3: D(4), t4: D(3), t5: D(6) },
      [null, 1, 0, 0, 3, 4, 1],
    ],
    [
      "build re-run after the deployment: capped at the deployment, DEPLOY 0, anchor still t5",
      { t1: D(2), t2: D(3), t3: D(4), t4: D(5, 12), t5: D(5, 6) },
      [null, 1, 1, 1.25, 0, 3.25, 1],
    ],
    [
      "deployment before the merge (rule a): the merge is capped at it, LTTC still from the first commit",
      { t1: D(2), t2: D(3), t3: D(6), t5: D(5) },
      [null, 1, 2, null, 0, 3, 1],
    ],
    [
      "first commit re-authored after the PR was opened: LTTC from the opening",
      { t1: D(3), t2: D(2), t3: D(4), t5: D(5) },
      [null, 0, 2, null, 1, 3, 1],
    ],
  ] as const)("%s", (_name, tl, expected) => {
    const got = stages(tl);
    expected.forEach((e, i) => (e === null ? expect(got[i]).toBeNull() : expect(got[i]).toBeCloseTo(e, 12)));
  });
});

describe("LTTC anchoring and aggregation", () => {
  const oneDay = (id: string, deployedAt: string, mergedAt = at("2026-01-05T00:00:00Z")) => ({
    pr: pr(id, { firstCommitAt: mergedAt, openedAt: mergedAt, mergedAt }),
    dep: dep(`d-${id}`, deployedAt, { pullRequestIds: [id] }),
  });
  const run = (items: ReturnType<typeof oneDay>[], extra: Partial<ExportParams> = {}) =>
    computeExport(
      dataset({ pullRequests: items.map((i) => i.pr), deployments: items.map((i) => i.dep) }),
      params(extra),
    ).rows.map((r) => [
      r.period,
      r.values.LTTC_Change_Count,
      r.values[`LTTC_${extra.aggregation === "p90" ? "P90" : "Mean"}_Days`],
    ]);

  it("the anchor is t5; midnight starts the next week; outside the range is ignored", () => {
    expect(
      run([
        oneDay("a", "2026-01-11T23:59:59.999Z"),
        oneDay("b", "2026-01-12T00:00:00Z"),
        oneDay("c", "2026-01-19T00:00:00Z"),
        oneDay("d", "2026-01-04T23:00:00Z", at("2026-01-04T00:00:00Z")),
      ]),
    ).toEqual([
      ["2026-W02", 1, (7 * 86_400_000 - 1) / 86_400_000],
      ["2026-W03", 1, 7],
    ]);
  });

  it("the period's figure is the chosen aggregation over its PRs", () => {
    const items = [1, 2, 3, 4].map((d) => oneDay(`p${d}`, `2026-01-0${5 + d}T00:00:00Z`));
    expect(run(items, { aggregation: "p90" })[0]).toEqual(["2026-W02", 4, expect.closeTo(3.7, 12)]);
    expect(run(items)[0]).toEqual(["2026-W02", 4, 2.5]);
  });

  it("a PR without a deployment, or unmerged, has no lead time; empty cells are null", () => {
    const ds = dataset({
      pullRequests: [pr("p"), pr("q", { mergedAt: null })],
      deployments: [dep("d", "2026-01-06T00:00:00Z", { pullRequestIds: ["q"] })],
    });
    const v = computeExport(ds, params()).rows[0]!.values;
    expect(v.LTTC_Change_Count).toBe(0);
    expect(v.LTTC_Mean_Days).toBeNull();
    expect(v.CODING_Mean_Days).toBeNull();
  });

  it("the period is read in the export's zone", () => {
    const item = oneDay("a", "2026-01-12T03:00:00Z");
    const rows = computeExport(
      dataset({ pullRequests: [item.pr], deployments: [item.dep] }),
      params({ timezone: "America/New_York" }),
    ).rows;
    expect(rows.map((r) => [r.period, r.values.LTTC_Change_Count])).toEqual([
      ["2026-W02", 1],
      ["2026-W03", 0],
    ]);
  });
});
