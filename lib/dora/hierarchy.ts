// The team tree (spec §4.2, §6): children by name, depth-first order, paths, scope resolution.
import { ScopeNotFoundError } from "./errors";
import type { ExportScope, Team } from "./types";

export interface TeamNode {
  team: Team;
  /** 0 for a root. */
  depth: number;
  /** Names from the root, joined by ` / `. */
  path: string;
  children: TeamNode[];
}

export interface Hierarchy {
  byId: ReadonlyMap<string, TeamNode>;
  /** Roots of every org tree, by name. */
  roots: readonly TeamNode[];
}

/** One team of a resolved scope; `end` is the index after its last descendant in the scope's list. */
export interface ScopedTeam {
  node: TeamNode;
  end: number;
}

const byName = (a: TeamNode, b: TeamNode) => compare(a.team.name, b.team.name) || compare(a.team.id, b.team.id);
// Code-unit order, not locale order, so every machine orders siblings the same way.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A team whose parent is missing, in another tree, or on a cycle is treated as a root. */
export function buildHierarchy(teams: readonly Team[]): Hierarchy {
  const byId = new Map<string, TeamNode>();
  for (const team of teams) byId.set(team.id, { team, depth: 0, path: team.name, children: [] });
  const roots: TeamNode[] = [];
  for (const node of byId.values()) {
    const parent = node.team.parentId === null ? undefined : byId.get(node.team.parentId);
    if (parent && parent.team.orgTree === node.team.orgTree && !isAncestor(node, parent, byId))
      parent.children.push(node);
    else roots.push(node);
  }
  roots.sort(byName);
  for (const root of roots) {
    walk(root, (node, parent) => {
      node.children.sort(byName);
      if (parent) {
        node.depth = parent.depth + 1;
        node.path = `${parent.path} / ${node.team.name}`;
      }
    });
  }
  return { byId, roots };
}

function isAncestor(node: TeamNode, of: TeamNode, byId: Map<string, TeamNode>): boolean {
  const seen = new Set<string>();
  for (let cur: TeamNode | undefined = of; cur;) {
    if (cur === node) return true;
    if (seen.has(cur.team.id) || cur.team.parentId === null) return false;
    seen.add(cur.team.id);
    cur = byId.get(cur.team.parentId);
  }
  return false;
}

function walk(root: TeamNode, visit: (node: TeamNode, parent: TeamNode | null) => void): void {
  const stack: [TeamNode, TeamNode | null][] = [[root, null]];
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    visit(node, parent);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i]!, node]);
  }
}

/** Depth-first, siblings by name: the team, then each child's subtree. */
export function depthFirst(roots: readonly TeamNode[]): ScopedTeam[] {
  const out: ScopedTeam[] = [];
  const add = (node: TeamNode) => {
    const entry: ScopedTeam = { node, end: 0 };
    out.push(entry);
    for (const child of node.children) add(child);
    entry.end = out.length;
  };
  for (const root of roots) add(root);
  return out;
}

/** The team and all its descendants (roll-up). */
export function descendantIds(h: Hierarchy, teamId: string): string[] {
  const node = h.byId.get(teamId);
  return node ? depthFirst([node]).map((s) => s.node.team.id) : [];
}

/** The teams an export covers, depth-first; throws ScopeNotFoundError for an unknown team or tree. */
export function resolveScope(h: Hierarchy, scope: ExportScope): ScopedTeam[] {
  if (scope.kind === "team") {
    const node = h.byId.get(scope.teamId);
    if (!node) throw new ScopeNotFoundError(`team not found: ${scope.teamId}`);
    return depthFirst([node]);
  }
  const roots = h.roots.filter((r) => r.team.orgTree === scope.orgTreeName);
  if (roots.length === 0) throw new ScopeNotFoundError(`org tree not found: ${scope.orgTreeName}`);
  return depthFirst(roots);
}

/** The team with that refId and its descendants; throws ScopeNotFoundError when none has it. */
export function resolveRefId(h: Hierarchy, refId: number): ScopedTeam[] {
  for (const node of h.byId.values()) if (node.team.refId === refId) return depthFirst([node]);
  throw new ScopeNotFoundError(`team not found: refId ${refId}`);
}
