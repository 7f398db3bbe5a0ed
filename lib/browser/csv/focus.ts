import type { ViewScope } from "@/lib/browser/api/export-request";
import type { ParsedExport, TeamExport } from "./model";

/** The team a view is about: the scope's team, or the org tree's root (a team without a parent in the file). */
export function focusTeam(model: ParsedExport, scope: ViewScope): TeamExport | null {
  if (scope.kind === "team") return model.teams.find((t) => t.id === scope.teamId) ?? null;
  const ids = new Set(model.teams.map((t) => t.id));
  return model.teams.find((t) => t.parentId === null || !ids.has(t.parentId)) ?? null;
}
