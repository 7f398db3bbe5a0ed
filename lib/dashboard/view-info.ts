import "server-only";
import { canSeeScope, type AccessScope } from "@/lib/access";
import type { User } from "@/lib/auth";
import { getSeiClient } from "@/lib/sei";
import type { DashboardDeps } from "./route-context";

export interface ViewCrumb {
  id: string;
  /** What the step is: org trees and their root teams often share a name. */
  kind: "orgTree" | "team";
  name: string;
  href: string | null;
}

export interface ViewInfo {
  allowed: boolean;
  title: string;
  /** From the org tree down to the scope; a crumb the user may not open has no link. */
  crumbs: ViewCrumb[];
}

const teamHref = (id: string) => `/teams/${encodeURIComponent(id)}`;
const treeHref = (name: string) => `/org-trees/${encodeURIComponent(name)}`;

/** What a view page shows before any export: may this user open it, its title and its breadcrumbs. */
export async function viewInfo(user: User, runtime: DashboardDeps, scope: AccessScope): Promise<ViewInfo> {
  const dir = await getSeiClient(runtime).directory();
  const allowed = canSeeScope(user, scope, dir);
  const tree = (name: string): ViewCrumb => ({
    id: `tree:${name}`,
    kind: "orgTree",
    name,
    href: canSeeScope(user, { kind: "orgTree", orgTreeName: name }, dir) ? treeHref(name) : null,
  });
  if (scope.kind === "orgTree") return { allowed, title: scope.orgTreeName, crumbs: [tree(scope.orgTreeName)] };
  const byId = new Map(dir.teams.map((t) => [t.id, t]));
  const chain = [];
  for (let t = byId.get(scope.teamId); t && chain.length < 50; t = t.parentId ? byId.get(t.parentId) : undefined)
    chain.unshift(t);
  const crumbs = chain.map((t): ViewCrumb => ({
    id: t.id,
    kind: "team",
    name: t.name,
    href: canSeeScope(user, { kind: "team", teamId: t.id }, dir) ? teamHref(t.id) : null,
  }));
  const root = chain[0];
  if (root?.orgTree) crumbs.unshift(tree(root.orgTree));
  const title = byId.get(scope.teamId)?.name ?? scope.teamId;
  return {
    allowed,
    title,
    crumbs: crumbs.length > 0 ? crumbs : [{ id: scope.teamId, kind: "team" as const, name: title, href: null }],
  };
}
