// Which cards the home page shows: the tops of what the user may see. Admins see the org trees
// (and any team in none); others see their granted org trees and teams, less a team already
// inside another grant. Pure.
import type { ViewScope } from "@/lib/browser";

export interface HomeRoot {
  scope: ViewScope;
  name: string;
  href: string;
}

interface DirTeam {
  id: string;
  name: string;
  parentId: string | null;
  orgTree: string | null;
}

export const scopeHref = (scope: ViewScope) =>
  scope.kind === "team"
    ? `/teams/${encodeURIComponent(scope.teamId)}`
    : `/org-trees/${encodeURIComponent(scope.orgTreeName)}`;

const tree = (name: string): HomeRoot => {
  const scope = { kind: "orgTree", orgTreeName: name } as const;
  return { scope, name, href: scopeHref(scope) };
};
const team = (id: string, name: string): HomeRoot => {
  const scope = { kind: "team", teamId: id } as const;
  return { scope, name, href: scopeHref(scope) };
};

export function homeRoots(
  user: { admin: boolean; teams: readonly string[]; trees: readonly string[] },
  dir: { teams: readonly DirTeam[]; orgTrees: readonly string[] },
): HomeRoot[] {
  const byId = new Map(dir.teams.map((t) => [t.id, t]));
  if (user.admin) {
    const loose = dir.teams.filter((t) => t.orgTree === null && t.parentId === null);
    return [...[...dir.orgTrees].sort().map(tree), ...loose.map((t) => team(t.id, t.name))];
  }
  const trees = new Set(user.trees);
  const granted = new Set(user.teams);
  /** Whether a team sits inside another grant: its tree, or a granted team above it (in its tree). */
  const covered = (id: string): boolean => {
    const t = byId.get(id);
    if (!t) return false;
    if (t.orgTree !== null && trees.has(t.orgTree)) return true;
    for (let up = t.parentId ? byId.get(t.parentId) : undefined, n = 0; up && n < 50; n++) {
      if (up.orgTree !== t.orgTree) break;
      if (granted.has(up.id)) return true;
      up = up.parentId ? byId.get(up.parentId) : undefined;
    }
    return false;
  };
  const teams = [...granted].filter((id) => !covered(id)).map((id) => team(id, byId.get(id)?.name ?? id));
  return [...[...trees].sort().map(tree), ...teams];
}
