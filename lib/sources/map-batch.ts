import "server-only";
import { deleteRecord, ingest } from "@/lib/engine";
import { writeTransaction, type Store } from "@/lib/store";
import type { EventRow, EventStatus } from "./events";
import type { Extracted, Fact, ProducedRecord, RecordKind } from "./facts";
import { foldEntity } from "./fold";
import { extractorOf } from "./extractors";
import type { Mapping } from "./mapping/schema";
import { currentMapping } from "./mapping/store";
import type { Scope } from "./scope";

// Maps a batch of events of the log: each event's facts replace those it gave before, every entity
// they touch is folded again from all its facts, and the engine's records follow: upserted through
// the engine's own ingestion (same validation, same link upkeep), or removed when the entity no
// longer produces them. Each step is idempotent, so a batch cut short (a crash) is mapped again
// from the start with the same result.

export interface BatchOutcome {
  events: number;
  byStatus: Record<EventStatus, number>;
  written: number;
  removed: number;
}

const CHUNK = 400;

export async function mapBatch(db: Store, rows: EventRow[]): Promise<BatchOutcome> {
  const outcome: BatchOutcome = {
    events: rows.length,
    byStatus: { pending: 0, mapped: 0, unmapped: 0, ignored: 0, failed: 0 },
    written: 0,
    removed: 0,
  };
  const byScope = new Map<string, EventRow[]>();
  for (const row of rows) {
    const key = `${row.org_id}\n${row.project_id}`;
    byScope.set(key, [...(byScope.get(key) ?? []), row]);
  }
  for (const group of byScope.values()) {
    const scope = { org: group[0]!.org_id, project: group[0]!.project_id };
    const part = await mapScope(db, scope, group);
    for (const [k, v] of Object.entries(part.byStatus)) outcome.byStatus[k as EventStatus] += v;
    outcome.written += part.written;
    outcome.removed += part.removed;
  }
  return outcome;
}

async function mapScope(db: Store, scope: Scope, rows: EventRow[]): Promise<BatchOutcome> {
  const { mapping } = await currentMapping(db, scope);
  const extracted = new Map<number, Extracted>();
  for (const row of rows) extracted.set(row.id, extractOne(row, mapping));

  // 1. The events' facts, replacing what they gave before (a replay, or a batch cut short).
  const ids = rows.map((r) => r.id);
  const touched = new Set<string>();
  await writeTransaction(db, async (trx) => {
    for (const chunk of chunks(ids)) {
      const old = await trx.selectFrom("source_facts").select("entity").where("event_id", "in", chunk).execute();
      for (const o of old) touched.add(o.entity);
      await trx.deleteFrom("source_facts").where("event_id", "in", chunk).execute();
    }
    const facts = rows.flatMap((row) =>
      (extracted.get(row.id)!.facts ?? []).map((f) => ({
        event_id: row.id,
        entity: f.entity,
        org_id: scope.org,
        project_id: scope.project,
        link: f.link,
        at: f.at,
        data: JSON.stringify(f.data),
      })),
    );
    // One fact per event and entity: the last wins should a mapper give two.
    const unique = [...new Map(facts.map((f) => [`${f.event_id}\n${f.entity}`, f])).values()];
    for (const f of unique) touched.add(f.entity);
    for (let i = 0; i < unique.length; i += 100)
      await trx
        .insertInto("source_facts")
        .values(unique.slice(i, i + 100))
        .execute();
  });

  await breathe();

  // 2. The entities to fold again: those touched, and those linking to a touched one (the pull
  //    requests whose head branch got a push).
  const linkers = new Map<string, string[]>();
  for (const chunk of chunks([...touched])) {
    const rowsLinking = await db
      .selectFrom("source_facts")
      .select(["entity", "link"])
      .distinct()
      .where("org_id", "=", scope.org)
      .where("project_id", "=", scope.project)
      .where("link", "in", chunk)
      .execute();
    for (const r of rowsLinking) linkers.set(r.link!, [...(linkers.get(r.link!) ?? []), r.entity]);
  }
  const entities = new Set(touched);
  for (const list of linkers.values()) for (const e of list) entities.add(e);

  // 3. Fold each entity from all its facts (and those of the entities it links to).
  const factsOf = await loadFacts(db, scope, [...entities]);
  const links = new Set<string>();
  for (const list of factsOf.values()) for (const f of list) if (f.link) links.add(f.link);
  const linkedFacts = await loadFacts(
    db,
    scope,
    [...links].filter((l) => !factsOf.has(l)),
  );
  for (const [k, v] of factsOf) linkedFacts.set(k, v);
  const desired = new Map<string, ProducedRecord[]>();
  for (const entity of entities) {
    const facts = factsOf.get(entity) ?? [];
    const linked = [...new Set(facts.map((f) => f.link).filter((l): l is string => l !== null))].flatMap(
      (l) => linkedFacts.get(l) ?? [],
    );
    desired.set(entity, foldEntity(facts, linked));
  }

  await breathe();

  // 4. Write them through the engine; an item it refuses fails its entity (and the events behind it).
  const failures = new Map<string, string>();
  const byKind = new Map<RecordKind, { entity: string; record: ProducedRecord }[]>();
  for (const [entity, records] of desired)
    for (const record of records) byKind.set(record.kind, [...(byKind.get(record.kind) ?? []), { entity, record }]);
  let written = 0;
  for (const kind of ["work-items", "pull-requests", "builds", "deployments", "incidents"] as const) {
    const items = byKind.get(kind) ?? [];
    for (let i = 0; i < items.length; i += 5000) {
      let slice = items.slice(i, i + 5000);
      // A batch is all or nothing: write again without the items the engine named.
      for (let attempt = 0; attempt < 3 && slice.length > 0; attempt++) {
        const result = await ingest(db, scope, kind, { items: slice.map((x) => x.record.item) });
        await breathe();
        if (result.ok) {
          written += slice.length;
          break;
        }
        const bad = new Map<number, string>();
        for (const d of result.details)
          if (d.index !== undefined && !bad.has(d.index)) bad.set(d.index, `${d.field} ${d.message}`);
        const why = (j: number) => bad.get(j) ?? result.details[0]?.message ?? "refused";
        const refused = bad.size === 0 || attempt === 2 ? slice.map((_, j) => j) : [...bad.keys()];
        for (const j of refused) {
          const { entity, record } = slice[j]!;
          if (!failures.has(entity)) failures.set(entity, `the engine refused ${kind} ${record.item.id}: ${why(j)}`);
        }
        const drop = new Set(refused);
        slice = slice.filter((_, j) => !drop.has(j));
      }
    }
  }

  // 5. Remove what the entities no longer produce, and keep account of what they do.
  const current = await loadProduced(db, scope, [...entities]);
  let removed = 0;
  for (const [entity, records] of current) {
    if (failures.has(entity)) continue;
    const want = new Set((desired.get(entity) ?? []).map((r) => `${r.kind}\n${r.item.id}`));
    for (const r of records)
      if (!want.has(`${r.kind}\n${r.record_id}`)) {
        if (await deleteRecord(db, scope, r.kind as RecordKind, r.record_id)) removed++;
      }
  }
  const now = Date.now();
  const outcome: BatchOutcome = {
    events: rows.length,
    byStatus: { pending: 0, mapped: 0, unmapped: 0, ignored: 0, failed: 0 },
    written,
    removed,
  };
  await writeTransaction(db, async (trx) => {
    const settled = [...entities].filter((e) => !failures.has(e));
    for (const chunk of chunks(settled))
      await trx
        .deleteFrom("source_records")
        .where("org_id", "=", scope.org)
        .where("project_id", "=", scope.project)
        .where("entity", "in", chunk)
        .execute();
    const sourceOf = new Map<string, string>();
    for (const row of rows) for (const f of extracted.get(row.id)!.facts ?? []) sourceOf.set(f.entity, row.source);
    const produced = settled.flatMap((entity) =>
      (desired.get(entity) ?? []).map((r) => ({
        org_id: scope.org,
        project_id: scope.project,
        kind: r.kind,
        record_id: r.item.id,
        entity,
        source: sourceOf.get(entity) ?? entity.split(":")[1] ?? "unknown",
        written_at: now,
      })),
    );
    const unique = [...new Map(produced.map((p) => [`${p.kind}\n${p.record_id}`, p])).values()];
    for (let i = 0; i < unique.length; i += 100)
      await trx
        .insertInto("source_records")
        .values(unique.slice(i, i + 100))
        .onConflict((oc) =>
          oc.columns(["org_id", "project_id", "kind", "record_id"]).doUpdateSet((eb) => ({
            entity: eb.ref("excluded.entity"),
            source: eb.ref("excluded.source"),
            written_at: eb.ref("excluded.written_at"),
          })),
        )
        .execute();
    for (const row of rows) {
      const result = extracted.get(row.id)!;
      let status: EventStatus = result.status;
      let reason = result.status === "mapped" ? null : result.reason;
      let records = 0;
      if (result.status === "mapped") {
        const mine = new Set(result.facts.map((f) => f.entity));
        for (const f of result.facts) for (const e of linkers.get(f.entity) ?? []) mine.add(e);
        for (const e of mine) {
          const failure = failures.get(e);
          if (failure && status !== "failed") {
            status = "failed";
            reason = failure;
          }
          records += desired.get(e)?.length ?? 0;
        }
      }
      outcome.byStatus[status]++;
      await trx
        .updateTable("source_events")
        .set({ status, reason: reason?.slice(0, 1000) ?? null, records, mapped_at: now })
        .where("id", "=", row.id)
        .execute();
    }
  });
  return outcome;
}

function extractOne(row: EventRow, mapping: Mapping): Extracted {
  const extract = extractorOf(row.source);
  if (!extract) return { status: "ignored", reason: `source ${row.source} has no mapper` };
  let body: unknown;
  try {
    body = JSON.parse(row.body);
  } catch {
    return { status: "failed", reason: "the stored body is not JSON" };
  }
  try {
    return extract({ type: row.event_type, body, receivedAt: Number(row.received_at) }, mapping);
  } catch (err) {
    return {
      status: "failed",
      reason: `the mapper failed: ${err instanceof Error ? err.message.slice(0, 200) : "error"}`,
    };
  }
}

async function loadFacts(db: Store, scope: Scope, entities: string[]): Promise<Map<string, Fact[]>> {
  const out = new Map<string, Fact[]>();
  for (const chunk of chunks(entities)) {
    const rows = await db
      .selectFrom("source_facts")
      .select(["entity", "link", "at", "data"])
      .where("org_id", "=", scope.org)
      .where("project_id", "=", scope.project)
      .where("entity", "in", chunk)
      .execute();
    for (const r of rows) {
      const fact: Fact = { entity: r.entity, link: r.link, at: Number(r.at), data: JSON.parse(r.data) };
      out.set(r.entity, [...(out.get(r.entity) ?? []), fact]);
    }
  }
  return out;
}

async function loadProduced(
  db: Store,
  scope: Scope,
  entities: string[],
): Promise<Map<string, { kind: string; record_id: string }[]>> {
  const out = new Map<string, { kind: string; record_id: string }[]>();
  for (const chunk of chunks(entities)) {
    const rows = await db
      .selectFrom("source_records")
      .select(["entity", "kind", "record_id"])
      .where("org_id", "=", scope.org)
      .where("project_id", "=", scope.project)
      .where("entity", "in", chunk)
      .execute();
    for (const r of rows) out.set(r.entity, [...(out.get(r.entity) ?? []), r]);
  }
  return out;
}

/**
 * Lets waiting requests (webhook deliveries) in between two steps: the store's calls are synchronous,
 * so a batch would otherwise hold the event loop from its first query to its last.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}
