import "server-only";
import {
  buildHierarchy,
  parseCoverageQuery,
  parseRecordsQuery,
  resolveScope,
  wholeRange,
  type CoverageQuery,
  type RecordMetric,
  type RecordsQuery,
} from "@/lib/dora";
import type { Coverage, RecordsPage } from "@/lib/contract";
import { invalid, notFound } from "@/lib/server";
import type { Store } from "@/lib/store";
import { listTeams } from "../dataset";
import type { Engine } from "../engine";
import { factsCurrent } from "../facts";
import type { Scope } from "../ingest";
import { writerOf } from "../writer";
import { coverageOf } from "./coverage";
import { decodeCursor, encodeCursor, fingerprint } from "./cursor";
import { itemsOf } from "./items";
import { countOf, pageOf, type Teams, type Window } from "./population";

// GET /v2/insights/efficiency/records and …/coverage (spec §9): the records behind a figure and
// how much of the data the figures see, read from the store's indexes (population.ts, coverage.ts)
// and, for what depends on incidents and failures, from the deployment facts (facts.ts), derived
// first when the data changed since.

/** Metrics whose records read the deployment facts. */
const NEEDS_FACTS: ReadonlySet<RecordMetric> = new Set(["cfr", "mttr", "fdrt", "rework"]);

async function teamsOf(db: Store, scope: Scope, teamId: string): Promise<Teams> {
  const all = await listTeams(db, scope);
  try {
    const ids = resolveScope(buildHierarchy(all), { kind: "team", teamId }).map((t) => t.node.team.id);
    return { ids, whole: ids.length === all.length };
  } catch {
    throw notFound(`Team ${teamId.slice(0, 200)} was not found in this project.`);
  }
}

const windowOf = (q: CoverageQuery): Window => wholeRange({ start: q.start, end: q.end }, q.timezone);

async function dataVersion(db: Store, scope: Scope): Promise<number> {
  const row = await db
    .selectFrom("data_versions")
    .select("version")
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .executeTakeFirst();
  return row?.version ?? 0;
}

/** The facts of the current data, derived by the store's writer when they are not; their version. */
async function currentFacts(engine: Engine, scope: Scope): Promise<number> {
  const version = await dataVersion(engine.db, scope);
  if (await factsCurrent(engine.db, scope, version)) return version;
  return writerOf(engine).refreshFacts(scope);
}

// Totals by data version (and team tree, which no version counts): the pages after the first of a
// large population count it once.
const TOTALS_KEPT = 256;
const totalsOf = new WeakMap<Store, Map<string, number>>();

async function totalOf(db: Store, key: string, count: () => Promise<number>): Promise<number> {
  let totals = totalsOf.get(db);
  if (!totals) totalsOf.set(db, (totals = new Map()));
  const kept = totals.get(key);
  if (kept !== undefined) {
    totals.delete(key);
    totals.set(key, kept);
    return kept;
  }
  const n = await count();
  totals.set(key, n);
  if (totals.size > TOTALS_KEPT) totals.delete(totals.keys().next().value!);
  return n;
}

/** The records of a validated query: one page, the population's size and the next page's cursor. */
export async function readRecords(engine: Engine, scope: Scope, q: RecordsQuery): Promise<RecordsPage> {
  const { db } = engine;
  const query = fingerprint([q.metric, q.teamId, q.start, q.end, q.timezone]);
  const from = q.cursor === null ? null : decodeCursor(q.cursor, query);
  const teams = await teamsOf(db, scope, q.teamId);
  const w = windowOf(q);
  const version = NEEDS_FACTS.has(q.metric) ? await currentFacts(engine, scope) : await dataVersion(db, scope);
  const key = [scope.org, scope.project, version, q.metric, fingerprint(teams.ids), w.startMs, w.endMs].join("\u0000");
  const total = await totalOf(db, key, () => countOf(db, q.metric, scope, teams, w));
  const positions = await pageOf(db, q.metric, scope, teams, w, from, q.limit + 1);
  const page = positions.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: await itemsOf(
      db,
      q.metric,
      scope,
      page.map((p) => p.id),
    ),
    total,
    nextCursor: positions.length > q.limit && last ? encodeCursor(query, last) : null,
  };
}

/** How much of the data the figures see, for a validated query. */
export async function readCoverage(engine: Engine, scope: Scope, q: CoverageQuery): Promise<Coverage> {
  const teams = await teamsOf(engine.db, scope, q.teamId);
  await currentFacts(engine, scope);
  return coverageOf(engine.db, scope, teams, windowOf(q));
}

// GET /v2/insights/efficiency/records
export async function listRecords(engine: Engine, scope: Scope, params: URLSearchParams): Promise<RecordsPage> {
  const parsed = parseRecordsQuery(params);
  if (!parsed.ok) throw invalid("The records query is invalid.", parsed.details);
  return readRecords(engine, scope, parsed.query);
}

// GET /v2/insights/efficiency/coverage
export async function dataCoverage(engine: Engine, scope: Scope, params: URLSearchParams): Promise<Coverage> {
  const parsed = parseCoverageQuery(params);
  if (!parsed.ok) throw invalid("The coverage query is invalid.", parsed.details);
  return readCoverage(engine, scope, parsed.query);
}
