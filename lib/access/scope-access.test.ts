import { describe, expect, it } from "vitest";
import type { Directory } from "./directory";
import { canSeeScope, visibleDirectory, visibleScopes } from "./scope-access";

const team = (id: string, parentId: string | null, orgTree: string) => ({
  id,
  name: id.toUpperCase(),
  parentId,
  orgTree,
  refId: null,
});
// Tree A: a1 → a2 → a3, a1 → a4. Tree B: b1 → b2. x1 claims a parent in another tree.
const dir: Directory = {
  teams: [
    team("a1", null, "A"),
    team("a2", "a1", "A"),
    team("a3", "a2", "A"),
    team("a4", "a1", "A"),
    team("b1", null, "B"),
    team("b2", "b1", "B"),
    team("x1", "a1", "B"),
  ],
  orgTrees: ["A", "B"],
};
const user = (teams: string[], trees: string[] = [], admin = false) => ({ admin, teams, trees });
const t = (teamId: string) => ({ kind: "team" as const, teamId });
const tree = (orgTreeName: string) => ({ kind: "orgTree" as const, orgTreeName });

describe("canSeeScope", () => {
  it.each([
    ["admin sees any team", user([], [], true), t("zzz"), true],
    ["admin sees any tree", user([], [], true), tree("Nope"), true],
    ["own team", user(["a2"]), t("a2"), true],
    ["child of own team", user(["a2"]), t("a3"), true],
    ["grandchild of a root grant", user(["a1"]), t("a3"), true],
    ["parent of own team", user(["a2"]), t("a1"), false],
    ["sibling of own team", user(["a2"]), t("a4"), false],
    ["a parent in another tree grants nothing", user(["a1"]), t("x1"), false],
    ["team grant is not the tree", user(["a1"]), tree("A"), false],
    ["tree grant covers the tree", user([], ["A"]), tree("A"), true],
    ["tree grant covers its teams", user([], ["A"]), t("a3"), true],
    ["tree grant covers not other trees", user([], ["A"]), t("b1"), false],
    ["a typed team id granted exactly", user(["zz9"]), t("zz9"), true],
    ["no grants", user([]), t("a1"), false],
  ])("%s", (_name, u, scope, expected) => {
    expect(canSeeScope(u, scope, dir)).toBe(expected);
  });

  it("terminates on a parent cycle", () => {
    const cyclic: Directory = { teams: [team("c1", "c2", "C"), team("c2", "c1", "C")], orgTrees: ["C"] };
    const v = visibleScopes(user(["c1"]), cyclic);
    expect(v.all ? [] : [...v.teams].sort()).toEqual(["c1", "c2"]);
  });
});

describe("visibleDirectory", () => {
  it("keeps the visible teams and trees and adds typed team ids", () => {
    const out = visibleDirectory(user(["a2", "zz9"], ["B"]), dir);
    expect(out.teams.map((x) => x.id)).toEqual(["a2", "a3", "b1", "b2", "x1", "zz9"]);
    expect(out.orgTrees).toEqual(["B"]);
  });
});
