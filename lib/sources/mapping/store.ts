import "server-only";
import { writeTransaction, type Store } from "@/lib/store";
import type { Scope } from "../scope";
import { parseMapping, type MappingFormat } from "./parse";
import { DEFAULT_MAPPING, type Mapping } from "./schema";

// The mapping documents, one per project, every saved version kept (each save is a new version).

export interface SavedMapping {
  version: number;
  format: MappingFormat;
  /** The document as it was sent. */
  text: string;
  mapping: Mapping;
  savedAt: number;
  savedBy: string;
}

export async function saveMapping(
  db: Store,
  scope: Scope,
  text: string,
  format: MappingFormat,
  savedBy: string,
): Promise<number> {
  // Reads the last version, then writes the next: a transaction that takes the write lock first, or
  // a write by another connection in between (the store writer, the sources' thread) fails it at once.
  return writeTransaction(db, async (trx) => {
    const last = await trx
      .selectFrom("source_mappings")
      .select((eb) => eb.fn.max("version").as("version"))
      .where("org_id", "=", scope.org)
      .where("project_id", "=", scope.project)
      .executeTakeFirst();
    const version = Number(last?.version ?? 0) + 1;
    await trx
      .insertInto("source_mappings")
      .values({
        org_id: scope.org,
        project_id: scope.project,
        version,
        format,
        document: text,
        saved_at: Date.now(),
        saved_by: savedBy.slice(0, 200),
      })
      .execute();
    return version;
  });
}

/** The current mapping (or an older version); null when none was ever saved. */
export async function loadMapping(db: Store, scope: Scope, version?: number): Promise<SavedMapping | null> {
  let q = db
    .selectFrom("source_mappings")
    .selectAll()
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project);
  q = version === undefined ? q.orderBy("version", "desc").limit(1) : q.where("version", "=", version);
  const row = await q.executeTakeFirst();
  if (!row) return null;
  const parsed = cachedParse(row.document, row.format as MappingFormat);
  return {
    version: row.version,
    format: row.format as MappingFormat,
    text: row.document,
    // A saved document was valid when saved; should a later release tighten the schema, the
    // defaults stand in rather than the mapper stopping.
    mapping: parsed ?? DEFAULT_MAPPING,
    savedAt: Number(row.saved_at),
    savedBy: row.saved_by,
  };
}

export async function currentMapping(db: Store, scope: Scope): Promise<{ version: number; mapping: Mapping }> {
  const saved = await loadMapping(db, scope);
  return saved ? { version: saved.version, mapping: saved.mapping } : { version: 0, mapping: DEFAULT_MAPPING };
}

const parsedDocuments = new Map<string, Mapping | null>();

function cachedParse(text: string, format: MappingFormat): Mapping | null {
  const key = `${format}\n${text}`;
  let value = parsedDocuments.get(key);
  if (value === undefined) {
    const parsed = parseMapping(text, format);
    value = parsed.ok ? parsed.mapping : null;
    if (parsedDocuments.size > 50) parsedDocuments.clear();
    parsedDocuments.set(key, value);
  }
  return value;
}

export async function mappingVersions(
  db: Store,
  scope: Scope,
): Promise<{ version: number; savedAt: number; savedBy: string }[]> {
  const rows = await db
    .selectFrom("source_mappings")
    .select(["version", "saved_at", "saved_by"])
    .where("org_id", "=", scope.org)
    .where("project_id", "=", scope.project)
    .orderBy("version", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => ({ version: r.version, savedAt: Number(r.saved_at), savedBy: r.saved_by }));
}
