import "server-only";
import { RECORD_KINDS, type RecordKind, type RecordSets, type TeamRecords, type Team } from "@/lib/dora";
import { type Store, writeTransaction } from "@/lib/store";
import type { Scope } from "./ingest/rows";
import { chunks } from "./ingest/write";
import { projectRecords } from "./project-records";

// Every team's linked records (figures/records.ts) kept in the store per data version (migration
// 005): the first large export after a change reads the whole project's linked records
// (project-records.ts) and keeps them; later exports of any range or scope only read the teams
// they cover. The export worker also keeps the last project's records it computed in memory, under
// the same version, so the exports that follow need not wait for them to be stored nor read them.

/** Below this share of the project's teams, a stale export reads only its own teams' records. */
const SMALL_SCOPE = 0.1;
const INSERT_CHUNK = 200;

/** The version in `table`, or `absent` when the project has no row there. */
async function versionOf(
  db: Store,
  table: "data_versions" | "figure_record_versions",
  scope: Scope,
  absent: number,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select("version")
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .executeTakeFirst();
  return row?.version ?? absent;
}

const toBytes = (r: TeamRecords) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength);

// A copy, so the array is aligned whatever the driver's buffer offset.
function fromBytes(count: number, bytes: Uint8Array): TeamRecords {
  const data = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(data.buffer).set(bytes);
  return { n: count, data };
}

async function readStored(
  db: Store,
  scope: Scope,
  kinds: readonly RecordKind[],
  teamIds: readonly string[],
): Promise<RecordSets> {
  const out: RecordSets = {};
  const maps = new Map<string, Map<string, TeamRecords>>();
  for (const kind of kinds) maps.set(kind, new Map());
  for (const ids of chunks([...teamIds], 10_000)) {
    const rows = await db
      .selectFrom("figure_records")
      .select(["kind", "team_id", "count", "data"])
      .where("org_id", "=", scope.org)
      .where("project_id", "=", scope.project)
      .where("kind", "in", [...kinds])
      .where("team_id", "in", ids)
      .execute();
    for (const row of rows) maps.get(row.kind)?.set(row.team_id, fromBytes(row.count, row.data));
  }
  for (const kind of kinds) out[kind] = maps.get(kind);
  return out;
}

async function store(db: Store, scope: Scope, version: number, sets: RecordSets): Promise<void> {
  await writeTransaction(db, async (trx) => {
    await trx
      .deleteFrom("figure_records")
      .where("org_id", "=", scope.org)
      .where("project_id", "=", scope.project)
      .execute();
    const rows = RECORD_KINDS.flatMap((kind) =>
      [...(sets[kind] ?? new Map<string, TeamRecords>())].map(([teamId, r]) => ({
        org_id: scope.org,
        project_id: scope.project,
        kind,
        team_id: teamId,
        count: r.n,
        data: toBytes(r),
      })),
    );
    for (const chunk of chunks(rows, INSERT_CHUNK)) await trx.insertInto("figure_records").values(chunk).execute();
    await trx
      .insertInto("figure_record_versions")
      .values({ org_id: scope.org, project_id: scope.project, version })
      .onConflict((oc) => oc.columns(["org_id", "project_id"]).doUpdateSet({ version }))
      .execute();
  });
}

/**
 * Hands over work no result depends on, to run later; a later task under the same key replaces
 * one still waiting (a newer version of the same project's records to store).
 */
export type Defer = (key: string, task: () => Promise<void>) => void;

/** Per store, the last project's records computed whole in this thread, and the data version read before them. */
const kept = new WeakMap<Store, { scope: Scope; version: number; sets: RecordSets }>();

function keptFor(db: Store, scope: Scope, version: number, kinds: readonly RecordKind[]): RecordSets | null {
  const k = kept.get(db);
  if (!k || k.version !== version || k.scope.org !== scope.org || k.scope.project !== scope.project) return null;
  const out: RecordSets = {};
  for (const kind of kinds) out[kind] = k.sets[kind];
  return out;
}

/**
 * The records of `kinds` for the scope's teams. Records kept in memory under the current data
 * version are used first, then current stored records are read; else a small
 * scope reads its own teams' records, and a large one the whole project's, which are then kept:
 * storing them is handed to `defer` when given, so the export that computed them need not wait
 * for it. The version is read before the data, so records stored under it are never newer than a
 * change they miss: a change made meanwhile makes them stale, not wrong.
 */
export async function recordsFor(
  db: Store,
  scope: Scope,
  teams: readonly Team[],
  teamIds: readonly string[],
  kinds: readonly RecordKind[],
  defer?: Defer,
): Promise<RecordSets> {
  // A project unchanged since migration 005 has no version row: it counts as version 0.
  const version = await versionOf(db, "data_versions", scope, 0);
  const inMemory = keptFor(db, scope, version, kinds);
  if (inMemory) return inMemory;
  if ((await versionOf(db, "figure_record_versions", scope, -1)) === version) {
    return readStored(db, scope, kinds, teamIds);
  }
  if (teamIds.length < SMALL_SCOPE * teams.length) return projectRecords(db, scope, kinds, teamIds);
  const sets = await projectRecords(db, scope, RECORD_KINDS);
  kept.set(db, { scope, version, sets });
  const keep = () => store(db, scope, version, sets);
  if (defer) defer(`figure-records ${scope.org}/${scope.project}`, keep);
  else await keep();
  return sets;
}
