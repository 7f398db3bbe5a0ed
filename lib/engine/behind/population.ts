import "server-only";
import { sql, type RawBuilder } from "kysely";
import type { RecordMetric } from "@/lib/dora";
import { indexedBy, inJsonTexts, type Store } from "@/lib/store";
import type { Scope } from "../ingest";
import type { Position } from "./cursor";

// The population of each metric's figure (spec §4.3–§4.12) as the store indexes it by anchor
// (migration 010): which rows, ordered how, and through which index. A page is the rows after a
// position, in (anchor, id) order; the total is a count of the same rows. Indexes are named
// (INDEXED BY), so a plan never depends on what the planner guesses of a table it has no
// statistics of.

/** The team filter: the scope's team ids, or none when the scope is every team of the project. */
export interface Teams {
  ids: readonly string[];
  whole: boolean;
}

export interface Window {
  startMs: number;
  endMs: number;
}

/** Up to this many teams, a PR page reads each team's index range and sorts; beyond, one ordered scan. */
const FEW_TEAMS = 32;

const inTeams = (db: Store, column: string, teams: Teams, always = false): RawBuilder<unknown> =>
  teams.whole && !always ? sql`` : sql` AND ${sql.ref(column)} IN ${inJsonTexts(db, teams.ids)}`;

/**
 * The rows from the window's start, or after a position in it. One lower bound only: given both,
 * SQLite seeks by one and filters by the other, and a deep page would scan from the window's start.
 */
const from = (anchor: string, id: string, w: Window, at: Position | null): RawBuilder<unknown> =>
  at && at.anchor >= w.startMs
    ? sql`(${sql.ref(anchor)}, ${sql.ref(id)}) > (${at.anchor}, ${at.id})`
    : sql`${sql.ref(anchor)} >= ${w.startMs}`;

interface Source {
  /** FROM … WHERE … for the rows of the population in the window, of the scope's teams, after `at`. */
  rows: (db: Store, s: Scope, teams: Teams, w: Window, at: Position | null, forCount: boolean) => RawBuilder<unknown>;
  anchor: string;
  id: string;
}

const deployedPrs: Source = {
  anchor: "link_t5",
  id: "id",
  rows: (db, s, teams, w, at, forCount) => {
    // Counting, and the pages of a few teams, read each team's range of pull_requests_team; the pages
    // of many read pull_requests_deployed in order and keep the scope's rows.
    const perTeam = forCount || teams.ids.length <= FEW_TEAMS;
    const index = perTeam ? "pull_requests_team" : "pull_requests_deployed";
    return sql`${indexedBy(db, "pull_requests", index)}
      WHERE org_id = ${s.org} AND project_id = ${s.project} AND ${from("link_t5", "id", w, at)} AND link_t5 < ${w.endMs}
      ${inTeams(db, "team_id", teams, perTeam)}`;
  },
};

const productionDeployments = (successOnly: boolean): Source => ({
  anchor: "finished_at",
  id: "id",
  rows: (db, s, teams, w, at) => sql`${indexedBy(db, "deployments", "deployments_anchor")}
    WHERE org_id = ${s.org} AND project_id = ${s.project} AND is_production = 1
    AND ${from("finished_at", "id", w, at)} AND finished_at < ${w.endMs}${successOnly ? sql` AND status = 'success'` : sql``}
    ${inTeams(db, "team_id", teams)}`,
});

const resolvedIncidents: Source = {
  anchor: "resolved_at",
  id: "id",
  rows: (db, s, teams, w, at) => sql`${indexedBy(db, "incidents", "incidents_resolved")}
    WHERE org_id = ${s.org} AND project_id = ${s.project} AND ${from("resolved_at", "id", w, at)}
    AND resolved_at < ${w.endMs} ${inTeams(db, "team_id", teams)}`,
};

const recoveredFailures: Source = {
  anchor: "recovered_at",
  id: "deployment_id",
  rows: (db, s, teams, w, at) => sql`${indexedBy(db, "deployment_failures", "deployment_failures_recovered")}
    WHERE org_id = ${s.org} AND project_id = ${s.project} AND ${from("recovered_at", "deployment_id", w, at)}
    AND recovered_at < ${w.endMs} ${inTeams(db, "team_id", teams)}`,
};

export const SOURCES: Readonly<Record<RecordMetric, Source>> = {
  lttc: deployedPrs,
  df: productionDeployments(true),
  cfr: productionDeployments(false),
  mttr: resolvedIncidents,
  fdrt: recoveredFailures,
  rework: productionDeployments(true),
};

/** The number of rows of the population: the export's count of the same figure. */
export async function countOf(db: Store, metric: RecordMetric, s: Scope, teams: Teams, w: Window): Promise<number> {
  const src = SOURCES[metric];
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${src.rows(db, s, teams, w, null, true)}`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Up to `limit` positions after `from`, in (anchor, id) order (ids compared byte by byte). */
export async function pageOf(
  db: Store,
  metric: RecordMetric,
  s: Scope,
  teams: Teams,
  w: Window,
  at: Position | null,
  limit: number,
): Promise<Position[]> {
  const src = SOURCES[metric];
  const a = sql.ref(src.anchor);
  const id = sql.ref(src.id);
  const { rows } = await sql<{ anchor: number; id: string }>`SELECT ${a} AS anchor, ${id} AS id
    FROM ${src.rows(db, s, teams, w, at, false)} ORDER BY ${a}, ${id} LIMIT ${limit}`.execute(db);
  return rows.map((r) => ({ anchor: Number(r.anchor), id: r.id }));
}
