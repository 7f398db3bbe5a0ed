import { describe, expect, it } from "vitest";
import { buildHierarchy, resolveScope } from "../hierarchy";
import { at, build, dataset, dep, incident, pr, team, workItem } from "../test-factories";
import type { MetricGroup } from "../types";
import type { Population } from "./buckets";
import { recordSetsOf, splitByTeam, windowPopulation } from "./records";
import { buildPopulations, populationsFromRecords } from "./tables";

const teams = [team("root", "Root"), team("a", "A", "root"), team("b", "B", "root")];
const ds = dataset({
  teams,
  pullRequests: [
    pr("p1", { teamId: "a", mergedAt: at("2026-01-05T00:00:00Z"), mergeCommitSha: "s1", workItemId: "w1" }),
    pr("p2", { teamId: "b", mergedAt: at("2026-01-06T00:00:00Z") }),
    pr("p3", { teamId: "a", mergedAt: at("2026-01-20T00:00:00Z") }),
    pr("p4", { teamId: "root", mergedAt: null }),
  ],
  builds: [build("b1", "s1", "2026-01-05T06:00:00Z")],
  workItems: [workItem("w1", "2026-01-01T00:00:00Z", { teamId: "a", resolvedAt: at("2026-01-07T00:00:00Z") })],
  deployments: [
    dep("d1", "2026-01-05T12:00:00Z", { teamId: "a", commitShas: ["s1"] }),
    dep("d2", "2026-01-08T00:00:00Z", { teamId: "b", pullRequestIds: ["p2"] }),
    dep("d3", "2026-01-21T00:00:00Z", { teamId: "a", pullRequestIds: ["p3"], status: "failure" }),
    dep("d4", "2026-01-22T00:00:00Z", { teamId: "a", pullRequestIds: ["p3"] }),
  ],
  incidents: [incident("i1", "2026-01-08T01:00:00Z", { teamId: "b", resolvedAt: at("2026-01-09T00:00:00Z") })],
});
const ALL: MetricGroup[] = ["lttc", "work_items", "deployment_frequency", "cfr", "mttr"];

// Grouped by team, each team's records in their order: what bucketing (stable, by period and team) sees.
const plain = (p: Population | null) => {
  if (!p) return null;
  const order = Array.from({ length: p.n }, (_, i) => i).sort((x, y) => p.team[x]! - p.team[y]!);
  return {
    team: order.map((i) => p.team[i]),
    at: order.map((i) => p.at[i]),
    cols: p.cols.map((c) => order.map((i) => c[i])),
  };
};

describe("records: every team's populations, windowed later", () => {
  it.each([
    ["the whole month, every team", "root", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"],
    ["a window ending exactly at a deployment (excluded)", "root", "2026-01-01T00:00:00Z", "2026-01-08T00:00:00Z"],
    ["a window starting exactly at a deployment (included)", "root", "2026-01-08T00:00:00Z", "2026-01-30T00:00:00Z"],
    ["one team's subtree", "a", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"],
    ["an empty window", "root", "2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z"],
  ])("%s: equal to the populations built directly", (_name, teamId, from, to) => {
    const scoped = resolveScope(buildHierarchy(teams), { kind: "team", teamId });
    const w = { startMs: at(from), endMs: at(to) };
    const needs = new Set(ALL);
    const direct = buildPopulations(ds, scoped, needs, w);
    const viaRecords = populationsFromRecords(recordSetsOf(ds), scoped, needs, w);
    for (const kind of ["lttc", "deployments", "incidents", "workItems"] as const) {
      expect(plain(viaRecords[kind]), kind).toEqual(plain(direct[kind]));
    }
  });

  it("splitByTeam keeps each team's records in order, columns after anchors; teams without records are absent", () => {
    const lttc = recordSetsOf(ds, ["lttc"]).lttc!;
    expect([...lttc.keys()].sort()).toEqual(["a", "b"]);
    const a = lttc.get("a")!;
    expect(a.n).toBe(2);
    expect([...a.data.subarray(0, 2)]).toEqual([at("2026-01-05T12:00:00Z"), at("2026-01-22T00:00:00Z")]);
    expect(a.data.length).toBe(2 * 7);
  });

  it("windowPopulation numbers teams by their position in the list it is given", () => {
    const split = splitByTeam(
      {
        n: 3,
        team: Int32Array.from([1, 0, 1]),
        at: Float64Array.from([5, 6, 7]),
        cols: [Float64Array.from([1, 2, 3])],
      },
      [team("x"), team("y")],
    );
    const pop = windowPopulation(split, ["y", "x"], 1, { startMs: 5, endMs: 7 });
    expect(plain(pop)).toEqual({ team: [0, 1], at: [5, 6], cols: [[1, 2]] });
  });
});
