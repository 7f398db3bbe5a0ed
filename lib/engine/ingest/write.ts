import "server-only";
import { sql, type RawBuilder } from "kysely";
import type { Team } from "@/lib/dora";
import { joinInOrder, jsonRows, jsonTexts, type Store } from "@/lib/store";
import type { RecordTable } from "./kinds";
import { COLUMNS, type Scope } from "./rows";

/** The ids among `ids` already stored in `table` for the project. */
export async function existingIds(db: Store, scope: Scope, table: RecordTable, ids: string[]): Promise<Set<string>> {
  const { rows } = await sql<{
    id: string;
  }>`SELECT t.id FROM ${jsonTexts(db, ids, "i")} ${joinInOrder(db)} ${sql.table(table)} t
    ON t.org_id = ${scope.org} AND t.project_id = ${scope.project} AND t.id = i.value`.execute(db);
  return new Set(rows.map((row) => row.id));
}

/**
 * Inserts a batch's rows (rows.encodeRows: one JSON text, whatever their count, as a statement with
 * thousands of bound variables costs more to prepare than to run) into the project, replacing every
 * column of a row whose key exists (spec §2: re-sending replaces). `computed` adds columns computed
 * by the store from each row (`p`, with the table's columns) as it stands before the write.
 */
export async function upsertRows(
  db: Store,
  scope: Scope,
  table: RecordTable,
  rows: string,
  computed: Readonly<Record<string, RawBuilder<unknown>>> = {},
): Promise<void> {
  const columns = COLUMNS[table];
  const source = sql`(SELECT CAST(${scope.org} AS text) AS org_id, CAST(${scope.project} AS text) AS project_id, r.*
    FROM ${jsonRows(db, columns, rows)} r)`;
  const extra = Object.keys(computed);
  const names = columns.map(([c]) => c);
  const sent = ["org_id", "project_id", ...names];
  const written = [...sent, ...extra];
  const updated = [...names, ...extra].filter((c) => c !== "id");
  // An INSERT … SELECT with an upsert clause needs a WHERE in its SELECT (SQLite's parser).
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(written.map((c) => sql.ref(c)))})
    SELECT ${sql.join([...sent.map((c) => sql.ref(`p.${c}`)), ...extra.map((c) => computed[c]!)])} FROM ${source} p WHERE true
    ON CONFLICT (org_id, project_id, id) DO UPDATE SET ${sql.join(updated.map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`))}`.execute(
    db,
  );
}

/** The project's teams by id. */
export async function storedTeams(db: Store, scope: Scope): Promise<Map<string, Team>> {
  const rows = await db
    .selectFrom("teams")
    .select(["id", "name", "org_tree as orgTree", "ref_id as refId", "parent_id as parentId"])
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .execute();
  return new Map(rows.map((team) => [team.id, team]));
}

export function chunks<T>(values: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
