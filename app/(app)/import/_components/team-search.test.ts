import { describe, expect, it } from "vitest";
import { matchTeams, teamLabel } from "./team-search";

const KEYS = [
  "engineering",
  "engineering / growth",
  "engineering / growth / notifications",
  "engineering / platform",
  "sales / growth",
];

describe("matchTeams", () => {
  it.each([
    ["", 10, [0, 1, 2, 3, 4], 5],
    ["   ", 10, [0, 1, 2, 3, 4], 5],
    ["growth", 10, [1, 2, 4], 3],
    ["GROWTH", 10, [1, 2, 4], 3],
    ["growth notif", 10, [2], 1],
    ["notif growth", 10, [2], 1],
    ["eng / plat", 10, [3], 1],
    ["nothing", 10, [], 0],
    // The limit caps what is listed, not the count.
    ["growth", 2, [1, 2], 3],
    ["growth", 3, [1, 2, 4], 3],
    ["growth", 0, [], 3],
  ])("%j (limit %i) → %j of %i", (query, limit, indices, total) => {
    expect(matchTeams(KEYS, query, limit)).toEqual({ indices, total });
  });
});

describe("teamLabel", () => {
  it.each([
    [["Engineering"], "Engineering"],
    [["Engineering", "Growth", "Notifications"], "Engineering / Growth / Notifications"],
  ])("%j → %s", (hierarchy, label) => {
    expect(teamLabel({ hierarchy })).toBe(label);
  });
});
