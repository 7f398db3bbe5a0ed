// May this user see a scope? Admins see all; a team grant covers the team and its descendants; a
// tree grant covers every team of that tree and the tree itself. Pure: no server code.
import type { Access } from "@/lib/auth";
import type { Directory, DirectoryTeam } from "./directory";

export type AccessScope = { kind: "team"; teamId: string } | { kind: "orgTree"; orgTreeName: string };

export type Visible = { all: true } | { all: false; teams: Set<string>; trees: Set<string> };

function childrenOf(teams: readonly DirectoryTeam[]): Map<string, string[]> {
  const byId = new Map(teams.map((t) => [t.id, t]));
  const out = new Map<string, string[]>();
  for (const t of teams) {
    const parent = t.parentId === null ? undefined : byId.get(t.parentId);
    // A parent in another tree is not a parent (as in the engine's hierarchy).
    if (!parent || parent.orgTree !== t.orgTree) continue;
    out.set(parent.id, [...(out.get(parent.id) ?? []), t.id]);
  }
  return out;
}

/** Every team and tree this user may see, descendants expanded. */
export function visibleScopes(user: Access, dir: Directory): Visible {
  if (user.admin) return { all: true };
  const trees = new Set(user.trees);
  const teams = new Set<string>();
  const children = childrenOf(dir.teams);
  const stack = [
    ...user.teams,
    ...dir.teams.filter((t) => t.orgTree !== null && trees.has(t.orgTree)).map((t) => t.id),
  ];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (teams.has(id)) continue; // also ends a cycle
    teams.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return { all: false, teams, trees };
}

export function canSeeScope(user: Access, scope: AccessScope, dir: Directory): boolean {
  const visible = visibleScopes(user, dir);
  if (visible.all) return true;
  return scope.kind === "team" ? visible.teams.has(scope.teamId) : visible.trees.has(scope.orgTreeName);
}

/** The directory cut down to what this user may see. */
export function visibleDirectory(user: Access, dir: Directory): Directory {
  const visible = visibleScopes(user, dir);
  if (visible.all) return dir;
  const known = new Set(dir.teams.map((t) => t.id));
  const typed = [...visible.teams].filter((id) => !known.has(id)).sort();
  return {
    teams: [
      ...dir.teams.filter((t) => visible.teams.has(t.id)),
      ...typed.map((id) => ({ id, name: id, parentId: null, orgTree: null, refId: null })),
    ],
    orgTrees: dir.orgTrees.filter((t) => visible.trees.has(t)),
  };
}
