import "server-only";
import type { RegisteredScope } from "@/lib/contract";
import type { ExportParams } from "@/lib/dora";
import type { Store, ExportRegistryTable } from "@/lib/store";

// The exports registry: one row per upstream export made through the dashboard, per connection.
// Access is decided by the scope recorded here, never by what the browser says.

export type { RegisteredScope };

export interface RegisteredExport {
  /** The upstream export id, also the id the dashboard's routes use. */
  id: string;
  scope: RegisteredScope;
  params: ExportParams;
  createdBy: string;
  /** When it was first registered, ISO. */
  createdAt: string;
  upstreamCreatedAt: string | null;
}

/** What a user may list: everything, or these teams (descendants already included) and trees. */
export type Visibility = { all: true } | { all: false; teams: readonly string[]; trees: readonly string[] };

export interface ExportPage {
  items: RegisteredExport[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

type Row = Pick<
  ExportRegistryTable,
  "upstream_id" | "scope_kind" | "scope_value" | "params" | "created_by" | "created_at" | "upstream_created_at"
>;

export function registeredScope(params: ExportParams): RegisteredScope {
  return params.scope.kind === "team"
    ? { kind: "team", teamId: params.scope.teamId }
    : { kind: "orgTree", orgTreeName: params.scope.orgTreeName };
}

function toExport(row: Row): RegisteredExport {
  return {
    id: row.upstream_id,
    scope:
      row.scope_kind === "team"
        ? { kind: "team", teamId: row.scope_value }
        : { kind: "orgTree", orgTreeName: row.scope_value },
    params: JSON.parse(row.params) as ExportParams,
    createdBy: row.created_by,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    upstreamCreatedAt: row.upstream_created_at,
  };
}

/** An upstream id already recorded for another scope: its row is never handed to the asker. */
export class ScopeConflictError extends Error {
  constructor(readonly registered: RegisteredScope) {
    super("export registry: the upstream id is registered for another scope");
    this.name = "ScopeConflictError";
  }
}

const scopeValue = (s: RegisteredScope) => (s.kind === "team" ? s.teamId : s.orgTreeName);

/**
 * Records an export; an upstream id already recorded for the same scope (a reused export) keeps its
 * first row. One recorded for another scope (SEI answering with another export's id) throws
 * ScopeConflictError: access is decided by a row's scope, so the asker must never get that row.
 */
export async function recordExport(
  db: Store,
  connection: string,
  entry: { id: string; params: ExportParams; createdBy: string; upstreamCreatedAt: string | null },
  now = Date.now(),
): Promise<RegisteredExport> {
  const scope = registeredScope(entry.params);
  await db
    .insertInto("export_registry")
    .values({
      connection,
      upstream_id: entry.id,
      scope_kind: scope.kind,
      scope_value: scopeValue(scope),
      params: JSON.stringify(entry.params),
      created_by: entry.createdBy,
      created_at: now,
      upstream_created_at: entry.upstreamCreatedAt,
    })
    .onConflict((oc) => oc.columns(["connection", "upstream_id"]).doNothing())
    .execute();
  const found = await findExport(db, connection, entry.id);
  if (!found) throw new Error("export registry: row vanished after insert");
  if (found.scope.kind !== scope.kind || scopeValue(found.scope) !== scopeValue(scope))
    throw new ScopeConflictError(found.scope);
  return found;
}

export async function findExport(db: Store, connection: string, id: string): Promise<RegisteredExport | null> {
  const row = await db
    .selectFrom("export_registry")
    .selectAll()
    .where("connection", "=", connection)
    .where("upstream_id", "=", id)
    .executeTakeFirst();
  return row ? toExport(row) : null;
}

const MAX_LIMIT = 100;

/** Newest first; `cursor` is the opaque `nextCursor` of the previous page. */
export async function listExports(
  db: Store,
  connection: string,
  visibility: Visibility,
  page: { limit: number; cursor: string | null },
): Promise<ExportPage> {
  const limit = Math.min(Math.max(1, Math.trunc(page.limit)), MAX_LIMIT);
  let query = db.selectFrom("export_registry").selectAll().where("connection", "=", connection);
  const before = page.cursor === null ? null : Number.parseInt(page.cursor, 36);
  if (before !== null && Number.isFinite(before)) query = query.where("seq", "<", before);
  if (!visibility.all) {
    const { teams, trees } = visibility;
    if (teams.length === 0 && trees.length === 0) return { items: [], nextCursor: null };
    query = query.where((eb) =>
      eb.or([
        ...(teams.length > 0 ? [eb.and([eb("scope_kind", "=", "team"), eb("scope_value", "in", teams)])] : []),
        ...(trees.length > 0 ? [eb.and([eb("scope_kind", "=", "orgTree"), eb("scope_value", "in", trees)])] : []),
      ]),
    );
  }
  const rows = await query
    .orderBy("seq", "desc")
    .limit(limit + 1)
    .execute();
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { items: kept.map(toExport), nextCursor: more ? kept[kept.length - 1]!.seq.toString(36) : null };
}

/** Team ids that have been exported on this connection (for the scopes of a Harness connection). */
export async function exportedTeamIds(db: Store, connection: string): Promise<string[]> {
  const rows = await db
    .selectFrom("export_registry")
    .select("scope_value")
    .distinct()
    .where("connection", "=", connection)
    .where("scope_kind", "=", "team")
    .orderBy("scope_value")
    .execute();
  return rows.map((r) => r.scope_value);
}

/** Org tree names that have been exported on this connection. */
export async function exportedTreeNames(db: Store, connection: string): Promise<string[]> {
  const rows = await db
    .selectFrom("export_registry")
    .select("scope_value")
    .distinct()
    .where("connection", "=", connection)
    .where("scope_kind", "=", "orgTree")
    .orderBy("scope_value")
    .execute();
  return rows.map((r) => r.scope_value);
}

/** The exports registered for one scope since `since` (epoch ms), newest first, at most `limit`. */
export async function recentExports(
  db: Store,
  connection: string,
  scope: RegisteredScope,
  since: number,
  limit = 20,
): Promise<RegisteredExport[]> {
  const rows = await db
    .selectFrom("export_registry")
    .selectAll()
    .where("connection", "=", connection)
    .where("scope_kind", "=", scope.kind)
    .where("scope_value", "=", scopeValue(scope))
    .where("created_at", ">=", since)
    .orderBy("seq", "desc")
    .limit(limit)
    .execute();
  return rows.map(toExport);
}
