import { describe, expect, it } from "vitest";
import { homeRoots } from "./home-roots";

const t = (id: string, parentId: string | null, orgTree: string | null) => ({
  id,
  name: id.toUpperCase(),
  parentId,
  orgTree,
});
const dir = {
  teams: [
    t("eng", null, "Eng"),
    t("pay", "eng", "Eng"),
    t("pay-api", "pay", "Eng"),
    t("plat", null, "Plat"),
    t("lone", null, null),
  ],
  orgTrees: ["Plat", "Eng"],
};
const user = (teams: string[], trees: string[] = [], admin = false) => ({ admin, teams, trees });
const names = (u: ReturnType<typeof user>) => homeRoots(u, dir).map((r) => `${r.scope.kind}:${r.name}`);

describe("homeRoots", () => {
  it.each([
    ["an admin: every org tree, then teams in none", user([], [], true), ["orgTree:Eng", "orgTree:Plat", "team:LONE"]],
    ["a team grant", user(["pay"]), ["team:PAY"]],
    ["a team inside another granted team is not a card of its own", user(["pay-api", "pay"]), ["team:PAY"]],
    ["a team inside a granted tree neither", user(["pay", "plat"], ["Eng"]), ["orgTree:Eng", "team:PLAT"]],
    ["a typed team id the directory does not know", user(["x-9"]), ["team:x-9"]],
    ["no grants", user([]), []],
  ])("%s", (_name, u, expected) => {
    expect(names(u)).toEqual(expected);
  });

  it("links each card to its view", () => {
    expect(homeRoots(user(["pay"], ["Eng & Co"]), dir).map((r) => r.href)).toEqual([
      "/org-trees/Eng%20%26%20Co",
      "/teams/pay",
    ]);
  });
});
