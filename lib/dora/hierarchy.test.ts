import { describe, expect, it } from "vitest";
import { buildHierarchy, descendantIds, resolveRefId, resolveScope } from "./hierarchy";
import { ScopeNotFoundError } from "./errors";
import type { Team } from "./types";

const team = (id: string, name: string, parentId: string | null, orgTree = "Eng", refId = 0): Team => ({
  id,
  name,
  orgTree,
  refId,
  parentId,
});
const teams: Team[] = [
  team("z", "Platform", null, "Eng", 1),
  team("c2", "Zeta", "z", "Eng", 2),
  team("c1", "Alpha", "z", "Eng", 3),
  team("g1", "Core", "c1", "Eng", 4),
  team("r2", "Apps", null, "Eng", 5),
  team("o1", "Ops", null, "Other", 6),
];
const h = buildHierarchy(teams);
const ids = (list: { node: { team: Team } }[]) => list.map((s) => s.node.team.id);

describe("buildHierarchy", () => {
  it("roots and children are ordered by name", () => {
    expect(h.roots.map((r) => r.team.name)).toEqual(["Apps", "Ops", "Platform"]);
    expect(h.byId.get("z")!.children.map((c) => c.team.name)).toEqual(["Alpha", "Zeta"]);
  });
  it.each([
    ["z", "Platform", 0],
    ["c1", "Platform / Alpha", 1],
    ["g1", "Platform / Alpha / Core", 2],
    ["c2", "Platform / Zeta", 1],
  ])("%s: path %s, depth %i", (id, path, depth) => {
    expect(h.byId.get(id)!.path).toBe(path);
    expect(h.byId.get(id)!.depth).toBe(depth);
  });
  it("a team whose parent is missing or on a cycle becomes a root", () => {
    const odd = buildHierarchy([team("a", "A", "b"), team("b", "B", "a"), team("c", "C", "missing")]);
    expect(odd.roots.map((r) => r.team.id)).toEqual(["a", "b", "c"]);
  });
});

describe("resolveScope", () => {
  it.each([
    [{ kind: "team", teamId: "z" }, ["z", "c1", "g1", "c2"]],
    [{ kind: "team", teamId: "c1" }, ["c1", "g1"]],
    [{ kind: "team", teamId: "g1" }, ["g1"]],
    [
      { kind: "orgTree", orgTreeName: "Eng", orgIdentifier: "o", projectIdentifier: null },
      ["r2", "z", "c1", "g1", "c2"],
    ],
    [{ kind: "orgTree", orgTreeName: "Other", orgIdentifier: "o", projectIdentifier: null }, ["o1"]],
  ] as const)("%j → %j", (scope, expected) => {
    expect(ids(resolveScope(h, scope))).toEqual(expected);
  });

  it("each entry's end marks its subtree", () => {
    const scoped = resolveScope(h, { kind: "team", teamId: "z" });
    expect(scoped.map((s) => s.end)).toEqual([4, 3, 3, 4]);
  });

  it.each([
    [{ kind: "team", teamId: "nope" }],
    [{ kind: "orgTree", orgTreeName: "eng", orgIdentifier: "o", projectIdentifier: null }],
  ] as const)("unknown scope %j throws ScopeNotFoundError", (scope) => {
    expect(() => resolveScope(h, scope)).toThrow(ScopeNotFoundError);
  });

  it("descendantIds and resolveRefId", () => {
    expect(descendantIds(h, "c1")).toEqual(["c1", "g1"]);
    expect(descendantIds(h, "nope")).toEqual([]);
    expect(ids(resolveRefId(h, 3))).toEqual(["c1", "g1"]);
    expect(() => resolveRefId(h, 99)).toThrow(ScopeNotFoundError);
  });
});
