import "server-only";
import { sql } from "kysely";
import type { Coverage } from "@/lib/contract";
import { indexedBy, inJsonTexts, type Store } from "@/lib/store";
import type { Scope } from "../ingest";
import type { Teams, Window } from "./population";

// How much of the data the figures see (spec §9): counts of the scope's records in the range, each
// read from a team-first index that holds what it counts (migration 010), so no record row is read.

const inTeams = (db: Store, column: string, teams: Teams) => sql`${sql.ref(column)} IN ${inJsonTexts(db, teams.ids)}`;

const n = (v: unknown) => Number(v ?? 0);

export async function coverageOf(db: Store, s: Scope, teams: Teams, w: Window): Promise<Coverage> {
  const scoped = sql`org_id = ${s.org} AND project_id = ${s.project}`;
  const prs = await sql<{ merged: number; deployed: number; item: number; build: number }>`SELECT count(*) AS merged,
      count(link_t5) AS deployed, count(link_t0) AS item, count(link_t4) AS build
    FROM ${indexedBy(db, "pull_requests", "pull_requests_team")}
    WHERE ${scoped} AND ${inTeams(db, "team_id", teams)} AND merged_at >= ${w.startMs} AND merged_at < ${w.endMs}`.execute(
    db,
  );
  const deployments = await sql<{ production: number; success: number }>`SELECT count(*) AS production,
      count(CASE WHEN status = 'success' THEN 1 END) AS success
    FROM ${indexedBy(db, "deployments", "deployments_anchor")}
    WHERE ${scoped} AND is_production = 1 AND finished_at >= ${w.startMs} AND finished_at < ${w.endMs}
    AND ${teams.whole ? sql`TRUE` : inTeams(db, "team_id", teams)}`.execute(db);
  const bare = await sql<{ n: number }>`SELECT count(*) AS n FROM deployments_without_changes
    WHERE ${scoped} AND ${inTeams(db, "team_id", teams)} AND finished_at >= ${w.startMs} AND finished_at < ${w.endMs}`.execute(
    db,
  );
  const failed = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM ${indexedBy(db, "deployment_failures", "deployment_failures_team")}
    WHERE ${scoped} AND ${inTeams(db, "team_id", teams)} AND finished_at >= ${w.startMs} AND finished_at < ${w.endMs}`.execute(
    db,
  );
  const incidents = await sql<{ opened: number; linked: number; unresolved: number }>`SELECT count(*) AS opened,
      count(l.deployment_id) AS linked, count(CASE WHEN i.resolved_at IS NULL THEN 1 END) AS unresolved
    FROM ${indexedBy(db, "incidents", "incidents_team", "i")}
    LEFT JOIN incident_links l ON l.org_id = i.org_id AND l.project_id = i.project_id AND l.incident_id = i.id
    WHERE i.org_id = ${s.org} AND i.project_id = ${s.project} AND ${inTeams(db, "i.team_id", teams)}
    AND i.opened_at >= ${w.startMs} AND i.opened_at < ${w.endMs}`.execute(db);
  const items = await sql<{ resolved: number; associated: number }>`SELECT count(*) AS resolved,
      count(CASE WHEN has_pr = 1 THEN 1 END) AS associated
    FROM ${indexedBy(db, "work_items", "work_items_team")}
    WHERE ${scoped} AND ${inTeams(db, "team_id", teams)} AND resolved_at >= ${w.startMs} AND resolved_at < ${w.endMs}`.execute(
    db,
  );
  const p = prs.rows[0]!;
  const d = deployments.rows[0]!;
  const i = incidents.rows[0]!;
  const wi = items.rows[0]!;
  return {
    pullRequests: { merged: n(p.merged), deployed: n(p.deployed), withWorkItem: n(p.item), withBuild: n(p.build) },
    deployments: {
      production: n(d.production),
      withChanges: n(d.success) - n(bare.rows[0]?.n),
      failed: n(failed.rows[0]?.n),
    },
    incidents: { opened: n(i.opened), linked: n(i.linked), unresolved: n(i.unresolved) },
    workItems: { resolved: n(wi.resolved), withPullRequest: n(wi.associated) },
  };
}
