import "server-only";
import {
  buildHierarchy,
  resolveRefId,
  computeLegacyReport,
  legacyReportCsv,
  wholeRange,
  parseLegacyReportRequest,
  type Team,
} from "@/lib/dora";
import { ApiError, invalid, notFound } from "@/lib/server";
import { listTeams, loadDataset } from "./dataset";
import type { Engine } from "./engine";

/**
 * The legacy synchronous report (spec §7). The org identifier is optional there: without it the
 * team is looked up by refId in every org of the project, and must be unique among them.
 */
export async function legacyReport(
  engine: Engine,
  query: { format: string | null; projectIdentifier: string; orgIdentifier: string | null },
  body: unknown,
): Promise<{ csv: string; teamRefId: number }> {
  const parsed = parseLegacyReportRequest({ format: query.format, projectIdentifier: query.projectIdentifier }, body);
  if (!parsed.ok) throw invalid("The report request is invalid.", parsed.details);
  const req = parsed.request;
  const org = query.orgIdentifier ?? (await orgOfRefId(engine, query.projectIdentifier, req.teamRefId));
  const scope = { org, project: query.projectIdentifier };
  const teams = teamsOfRefId(await listTeams(engine.db, scope), req.teamRefId);
  const range = wholeRange({ start: req.dateStart, end: req.dateEnd }, "UTC");
  const dataset = await loadDataset(engine.db, scope, {
    teamIds: teams.map((t) => t.node.team.id),
    from: range.startMs,
    to: range.endMs,
  });
  return { csv: legacyReportCsv(computeLegacyReport(dataset, req)), teamRefId: req.teamRefId };
}

const missingRefId = (refId: number) => notFound(`No team with teamRefId ${refId} in this project.`);

function teamsOfRefId(teams: Team[], refId: number) {
  try {
    return resolveRefId(buildHierarchy(teams), refId);
  } catch {
    throw missingRefId(refId);
  }
}

async function orgOfRefId(engine: Engine, project: string, refId: number): Promise<string> {
  const rows = await engine.db
    .selectFrom("teams")
    .select("org_id")
    .distinct()
    .where("project_id", "=", project)
    .where("ref_id", "=", refId)
    .execute();
  if (rows.length === 0) throw missingRefId(refId);
  if (rows.length > 1)
    throw new ApiError(
      "INVALID_ARGUMENT",
      "Several orgs have a team with this teamRefId: add the orgIdentifier query parameter.",
      [{ field: "orgIdentifier", message: "is required to tell the teams apart" }],
    );
  return rows[0]!.org_id;
}
