import "server-only";
import { type Directory, canSeeScope, visibleDirectory } from "@/lib/access";
import { ApiError } from "@/lib/server";
import { logDenied, type ProxyContext } from "./service";
import { exportedTeamIds, exportedTreeNames } from "./exports";

/** The teams and trees this user may pick: SEI's directory, plus (for Harness) what was exported before. */
export async function scopesFor(ctx: ProxyContext): Promise<Directory> {
  const dir = { ...(await ctx.sei.directory()) };
  if (ctx.sei.mode === "harness") {
    const known = new Set(dir.teams.map((t) => t.id));
    for (const id of await exportedTeamIds(ctx.db, ctx.sei.connection)) {
      if (!known.has(id)) dir.teams = [...dir.teams, { id, name: id, parentId: null, orgTree: null, refId: null }];
    }
    dir.orgTrees = [...new Set([...dir.orgTrees, ...(await exportedTreeNames(ctx.db, ctx.sei.connection))])].sort();
  }
  return visibleDirectory(ctx.user, dir);
}

/** The legacy report is asked for by refId: it is allowed when the user may see the team that has it. */
export async function assertMayReport(ctx: ProxyContext, teamRefId: number): Promise<void> {
  const dir = await ctx.sei.directory();
  const team = dir.teams.find((t) => t.refId === teamRefId);
  if (ctx.user.admin || (team && canSeeScope(ctx.user, { kind: "team", teamId: team.id }, dir))) return;
  logDenied(ctx.user, "scope", { action: "report", teamRefId });
  throw new ApiError("PERMISSION_DENIED", "You may not see this team's report.");
}
