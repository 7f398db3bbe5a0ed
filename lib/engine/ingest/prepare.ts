// A batch made ready to write without the store: its problems that need no store, what its write
// needs to know of its items, and its rows encoded as one JSON text. The store writer's reader
// thread prepares each batch while the batch before is written, so the writing thread neither
// receives nor walks thousands of objects: it gets a few lists of ids and one text.
import { KIND_TABLE, type IngestKind } from "./kinds";
import type { IngestIssue, Parsed } from "./parse";
import { duplicateIds } from "./relations";
import * as rows from "./rows";
import type { ItemOf, TeamInput } from "./schemas";

export interface Prepared {
  kind: IngestKind;
  /** The items sent. */
  count: number;
  /** Problems found without the store: items' shapes, ids sent twice. */
  issues: IngestIssue[];
  /** The ids of the items whose shape is valid (every item's, when there is no issue). */
  ids: string[];
  /** Kinds a team owns: each item's teamId, null for an item whose shape is invalid. */
  teamIds: (string | null)[] | null;
  /** Pull requests: the work items they name. */
  workItemIds: string[];
  /** The rows (rows.encodeRows); null for teams, and when an issue refuses the batch anyway. */
  rows: string | null;
  /** Teams: the items, checked against the project's teams when written (their refIds need them). */
  teams: (TeamInput | null)[] | null;
}

type RecordKind = Exclude<IngestKind, "teams">;

const ROW: { [K in RecordKind]: (item: ItemOf[K]) => object } = {
  "work-items": rows.workItemRow,
  "pull-requests": rows.pullRequestRow,
  builds: rows.buildRow,
  deployments: rows.deploymentRow,
  incidents: rows.incidentRow,
};

export function prepareBatch(kind: IngestKind, parsed: Parsed<IngestKind>): Prepared {
  const items = parsed.items as ({ id: string } | null)[];
  const issues = [...(parsed.ok ? [] : parsed.issues), ...duplicateIds(items)];
  const ids = items.flatMap((item) => (item ? [item.id] : []));
  const base = { kind, count: items.length, issues, ids, workItemIds: [], rows: null };
  if (kind === "teams") return { ...base, teamIds: null, teams: items as (TeamInput | null)[] };
  const teamIds =
    kind === "builds" ? null : (items as ({ teamId: string } | null)[]).map((item) => item?.teamId ?? null);
  const workItemIds =
    kind === "pull-requests"
      ? (items as ({ workItemId: string | null } | null)[]).flatMap((pr) => (pr?.workItemId ? [pr.workItemId] : []))
      : [];
  const toRow = ROW[kind] as (item: unknown) => object;
  const encoded = issues.length === 0 ? rows.encodeRows(KIND_TABLE[kind], items.map(toRow)) : null;
  return { ...base, teamIds, workItemIds, rows: encoded, teams: null };
}
