import { describe, expect, it } from "vitest";
import { BENCH_ORG, benchOrg } from "./bench-org";
import { KINDS, type Kind } from "@/lib/demo";

const END = new Date("2026-01-01T00:00:00Z");

function count(scale: number): Record<Kind, number> {
  const org = benchOrg(END, scale);
  const out = {} as Record<Kind, number>;
  for (const kind of KINDS) {
    out[kind] = 0;
    for (const _ of org.items(kind)) out[kind]++;
  }
  return out;
}

describe("bench organisation: tree", () => {
  const teams = [...benchOrg(END, 0.001).items("teams")];

  it("has 500 teams in one tree: 1 root, 20 groups, 479 squads", () => {
    expect(teams).toHaveLength(500);
    expect(new Set(teams.map((team) => team.orgTree))).toEqual(new Set(["Bench"]));
    const roots = teams.filter((team) => team.parentId === null);
    const groups = teams.filter((team) => team.parentId === roots[0]?.id);
    expect(roots).toHaveLength(1);
    expect(groups).toHaveLength(20);
    const groupIds = new Set(groups.map((g) => g.id));
    expect(teams.filter((team) => team.parentId && groupIds.has(team.parentId))).toHaveLength(479);
  });

  it("spans 36 months", () => {
    expect(BENCH_ORG.months).toBe(36);
    expect(benchOrg(END, 0.001).start.toISOString()).toBe("2023-01-01T00:00:00.000Z");
  });
});

describe("bench organisation: volumes", () => {
  // At full size: ~1M PRs, ~1M builds, ~700k work items, ~200k deployments, ~20k incidents.
  it.each([
    [0.001, 0.25],
    [0.01, 0.12],
  ])("at scale %d the counts are in proportion (±%d)", (scale, tolerance) => {
    const n = count(scale);
    const near = (actual: number, expected: number): void => {
      expect(actual).toBeGreaterThan(expected * (1 - tolerance));
      expect(actual).toBeLessThan(expected * (1 + tolerance));
    };
    expect(n.teams).toBe(500);
    near(n["pull-requests"], 1_000_000 * scale);
    near(n.builds, 1_000_000 * scale);
    near(n["work-items"], 700_000 * scale);
    near(n.deployments, 200_000 * scale);
    near(n.incidents, 20_000 * scale);
  });

  it("streams: the first batch at full size comes without generating the rest", () => {
    const started = performance.now();
    const first = benchOrg(END, 1).batches("pull-requests", 5000)[Symbol.iterator]().next();
    expect(first.value).toHaveLength(5000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
