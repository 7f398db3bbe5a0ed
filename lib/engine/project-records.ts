import "server-only";
import type { Compilable } from "kysely";
import {
  splitByTeam,
  recordSetsOf,
  type RecordKind,
  type RecordSets,
  newPopulation,
  type Population,
  setStages,
  type Team,
} from "@/lib/dora";
import type { Store } from "@/lib/store";
import { LIGHT_DEPLOYMENT_COLUMNS, listTeams, teamIncidents, toIncident, toLightDeployment } from "./dataset";
import type { Scope } from "./ingest/rows";
import { eachRow, fetchRows } from "./raw-rows";

// Every team's figure records of a project from the links the store keeps current at ingestion
// (migrations 006 and 009, lib/store/record-links.ts): a pull request or work item is read as a few numbers
// and never becomes an object, and no join runs at export time. The links follow the rules of
// lib/dora/linking.ts; a test keeps the records equal to those linked from a loaded dataset.

const INITIAL_CAPACITY = 1 << 16;
const num = (v: unknown): number => (v === null ? Number.NaN : Number(v));

/** The population with twice the room, its records kept. */
function grown(pop: Population): Population {
  const next = newPopulation(pop.at.length * 2, pop.cols.length);
  next.n = pop.n;
  next.team.set(pop.team);
  next.at.set(pop.at);
  pop.cols.forEach((col, c) => next.cols[c]!.set(col));
  return next;
}

/**
 * Streams a query whose first column is a team id into a population of `nCols` value columns, one
 * record per row of a known team, written by `fill` at index k.
 */
async function collect(
  db: Store,
  query: Compilable,
  teams: Map<string, number>,
  nCols: number,
  fill: (pop: Population, k: number, team: number, row: unknown[]) => void,
): Promise<Population> {
  let pop = newPopulation(INITIAL_CAPACITY, nCols);
  await eachRow(db, query, (r) => {
    const team = teams.get(r[0] as string);
    if (team === undefined) return;
    if (pop.n === pop.at.length) pop = grown(pop);
    fill(pop, pop.n++, team, r);
  });
  return pop;
}

function teamIndex(teams: readonly Team[]): Map<string, number> {
  return new Map(teams.map((team, i) => [team.id, i]));
}

/** Merged, deployed PRs with their instants as the store keeps them linked (link columns, migration 009). */
async function lttcRecords(
  db: Store,
  s: Scope,
  teams: Map<string, number>,
  teamIds: readonly string[] | null,
): Promise<Population> {
  let query = db
    .selectFrom("pull_requests")
    .select(["team_id", "first_commit_at", "opened_at", "merged_at", "link_t0", "link_t4", "link_t5"])
    .where("org_id", "=", s.org)
    .where("project_id", "=", s.project)
    .where("link_t5", "is not", null);
  if (teamIds) query = query.where("team_id", "in", teamIds);
  return collect(db, query, teams, 6, (pop, k, team, r) =>
    setStages(pop, k, team, {
      t0: num(r[4]),
      t1: Number(r[1]),
      t2: Number(r[2]),
      t3: Number(r[3]),
      t4: num(r[5]),
      t5: Number(r[6]),
    }),
  );
}

/** Resolved work items, flagged when a PR of any team names them. */
async function workItemRecords(
  db: Store,
  s: Scope,
  teams: Map<string, number>,
  teamIds: readonly string[] | null,
): Promise<Population> {
  let query = db
    .selectFrom("work_items")
    .select(["team_id", "resolved_at", "has_pr"])
    .where("org_id", "=", s.org)
    .where("project_id", "=", s.project)
    .where("resolved_at", "is not", null);
  if (teamIds) query = query.where("team_id", "in", teamIds);
  return collect(db, query, teams, 1, (pop, k, team, r) => {
    pop.team[k] = team;
    pop.at[k] = Number(r[1]);
    pop.cols[0]![k] = Number(r[2]) === 1 ? 1 : 0;
  });
}

/**
 * Deployment, incident, FDRT and rework records through lib/dora: 200,000 deployments without their lists are
 * cheap as objects, but not for every small export. With `teamIds`, only what those teams' records
 * depend on is read: their deployments and incidents, the deployments their incidents name (whether
 * one exists decides between the name and the window rule), and the incidents of any team that
 * name one of their deployments. An incident of another team links to one of their deployments only
 * by naming it; by the window rule it links to a deployment of its own team. A failed deployment's
 * recovery is of its own team (§4.11), so those teams' deployments are all it can be.
 */
async function deploymentAndIncidentRecords(
  db: Store,
  s: Scope,
  teams: readonly Team[],
  kinds: RecordKind[],
  teamIds: readonly string[] | null,
): Promise<RecordSets> {
  let deploymentQuery = db
    .selectFrom("deployments")
    .select(LIGHT_DEPLOYMENT_COLUMNS)
    .where("org_id", "=", s.org)
    .where("project_id", "=", s.project);
  const incidentQuery = teamIncidents(db, s, teamIds);
  if (teamIds) {
    const ids = [...teamIds];
    deploymentQuery = deploymentQuery.where((eb) =>
      eb.or([
        eb("team_id", "in", ids),
        eb(
          "id",
          "in",
          eb
            .selectFrom("incidents as i")
            .select("i.deployment_id")
            .where("i.org_id", "=", s.org)
            .where("i.project_id", "=", s.project)
            .where("i.team_id", "in", ids)
            .where("i.deployment_id", "is not", null),
        ),
      ]),
    );
  }
  const deployments = await fetchRows(db, deploymentQuery, toLightDeployment);
  const incidents = await fetchRows(db, incidentQuery, toIncident);
  const sets = recordSetsOf({ teams, deployments, incidents, pullRequests: [], builds: [], workItems: [] }, kinds);
  if (!teamIds) return sets;
  // The other teams' records from this part of the data would be incomplete.
  const wanted = new Set(teamIds);
  const out: RecordSets = {};
  for (const kind of kinds) out[kind] = new Map([...(sets[kind] ?? new Map())].filter(([team]) => wanted.has(team)));
  return out;
}

/**
 * The records of `kinds` of the project's teams (as recordSetsOf of its whole dataset); with `teamIds`,
 * those teams' only, read from the rows they depend on.
 */
export async function projectRecords(
  db: Store,
  s: Scope,
  kinds: readonly RecordKind[],
  teamIds: readonly string[] | null = null,
): Promise<RecordSets> {
  const teams = await listTeams(db, s);
  const index = teamIndex(teams);
  const out: RecordSets = {};
  if (kinds.includes("lttc")) out.lttc = splitByTeam(await lttcRecords(db, s, index, teamIds), teams);
  if (kinds.includes("workItems")) out.workItems = splitByTeam(await workItemRecords(db, s, index, teamIds), teams);
  const light = kinds.filter((k) => k !== "lttc" && k !== "workItems");
  if (light.length > 0) Object.assign(out, await deploymentAndIncidentRecords(db, s, teams, light, teamIds));
  return out;
}
