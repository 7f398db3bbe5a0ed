import { builds, deployments, incidents, pullRequests, workItems } from "./emit";
import { planOrg, type SquadPlan } from "./teams";
import { KINDS, type Item, type ItemOf, type Kind, type OrgOptions, type TeamItem } from "./types";

/** The ingestion API's limit of items per request (spec §3). */
export const MAX_BATCH = 5_000;

export interface OrgData {
  /** The data span [start, end). */
  readonly start: Date;
  readonly end: Date;
  /** Every team, parents before children. */
  readonly teams: readonly TeamItem[];
  /** A kind's items, streamed team by team: the same sequence on every call. */
  items<K extends Kind>(kind: K): Iterable<ItemOf[K]>;
  /** The same items in arrays of at most `size`. */
  batches<K extends Kind>(kind: K, size?: number): Iterable<ItemOf[K][]>;
  /** Every kind in ingestion order (`KINDS`), in batches. */
  all(size?: number): Iterable<{ kind: Kind; items: Item[] }>;
}

type Emitter = (plan: SquadPlan) => Iterable<Item>;

const EMITTERS: Record<Exclude<Kind, "teams">, Emitter> = {
  "work-items": workItems,
  builds,
  "pull-requests": pullRequests,
  deployments,
  incidents,
};

/** A deterministic organisation: the same options give byte-identical items. */
export function generateOrg(options: OrgOptions): OrgData {
  const plan = planOrg(options);
  function* items<K extends Kind>(kind: K): Generator<ItemOf[K]> {
    if (kind === "teams") {
      for (const team of plan.teams) yield { ...team } as ItemOf[K];
      return;
    }
    const emit = EMITTERS[kind as Exclude<Kind, "teams">];
    for (const squad of plan.squads) yield* emit(squad) as Iterable<ItemOf[K]>;
  }
  function* batches<K extends Kind>(kind: K, size = MAX_BATCH): Generator<ItemOf[K][]> {
    if (!(size >= 1)) throw new RangeError(`batch size must be at least 1, got ${size}`);
    let batch: ItemOf[K][] = [];
    for (const item of items(kind)) {
      batch.push(item);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
  function* all(size = MAX_BATCH): Generator<{ kind: Kind; items: Item[] }> {
    for (const kind of KINDS) for (const batch of batches(kind, size)) yield { kind, items: batch };
  }
  return { start: new Date(plan.start), end: new Date(plan.end), teams: plan.teams, items, batches, all };
}
