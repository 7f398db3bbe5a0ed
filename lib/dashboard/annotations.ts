import "server-only";
import type { RegisteredScope } from "@/lib/contract";
import type { AnnotationsTable, Store } from "@/lib/store";

// The annotations table: dated notes on a team or an org tree, per connection. Who may read or
// change a note is decided by the service (annotation-service.ts), never here.

export interface StoredAnnotation {
  id: number;
  scope: RegisteredScope;
  startDate: string;
  endDate: string | null;
  text: string;
  authorId: number | null;
  authorEmail: string;
  createdAt: number;
  updatedAt: number | null;
}

type Row = Omit<AnnotationsTable, "id"> & { id: number };

const toAnnotation = (r: Row): StoredAnnotation => ({
  id: r.id,
  scope:
    r.scope_kind === "team" ? { kind: "team", teamId: r.scope_value } : { kind: "orgTree", orgTreeName: r.scope_value },
  startDate: r.start_date,
  endDate: r.end_date,
  text: r.text,
  authorId: r.author_id,
  authorEmail: r.author_email,
  createdAt: Number(r.created_at),
  updatedAt: r.updated_at === null ? null : Number(r.updated_at),
});

const scopeValue = (s: RegisteredScope) => (s.kind === "team" ? s.teamId : s.orgTreeName);

export interface NewAnnotation {
  scope: RegisteredScope;
  startDate: string;
  endDate: string | null;
  text: string;
  author: { id: number; email: string };
}

export async function insertAnnotation(
  db: Store,
  connection: string,
  note: NewAnnotation,
  now = Date.now(),
): Promise<StoredAnnotation> {
  const row = await db
    .insertInto("annotations")
    .values({
      connection,
      scope_kind: note.scope.kind,
      scope_value: scopeValue(note.scope),
      start_date: note.startDate,
      end_date: note.endDate,
      text: note.text,
      author_id: note.author.id,
      author_email: note.author.email,
      created_at: now,
      updated_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAnnotation(row);
}

export async function findAnnotation(db: Store, connection: string, id: number): Promise<StoredAnnotation | null> {
  const row = await db
    .selectFrom("annotations")
    .selectAll()
    .where("connection", "=", connection)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toAnnotation(row) : null;
}

/** The notes on any of these teams and org trees, the newest dates first, at most `limit`. */
export async function annotationsOn(
  db: Store,
  connection: string,
  on: { teams: readonly string[]; trees: readonly string[] },
  limit: number,
): Promise<StoredAnnotation[]> {
  if (on.teams.length === 0 && on.trees.length === 0) return [];
  const rows = await db
    .selectFrom("annotations")
    .selectAll()
    .where("connection", "=", connection)
    .where((eb) =>
      eb.or([
        ...(on.teams.length > 0 ? [eb.and([eb("scope_kind", "=", "team"), eb("scope_value", "in", on.teams)])] : []),
        ...(on.trees.length > 0 ? [eb.and([eb("scope_kind", "=", "orgTree"), eb("scope_value", "in", on.trees)])] : []),
      ]),
    )
    .orderBy("start_date", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(toAnnotation);
}

export async function updateAnnotation(
  db: Store,
  id: number,
  change: { startDate: string; endDate: string | null; text: string },
  now = Date.now(),
): Promise<StoredAnnotation | null> {
  const row = await db
    .updateTable("annotations")
    .set({ start_date: change.startDate, end_date: change.endDate, text: change.text, updated_at: now })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  return row ? toAnnotation(row) : null;
}

export async function deleteAnnotation(db: Store, id: number): Promise<boolean> {
  const result = await db.deleteFrom("annotations").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
