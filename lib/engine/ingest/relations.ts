// Relation checks of a batch against the project's teams plus the batch itself (spec §2): teamIds
// name a team, parents exist in the same org tree without cycles, refIds are unique. All in memory:
// a project's teams are few and are loaded once per batch.
import type { Team } from "@/lib/dora";
import type { IngestIssue } from "./parse";
import type { TeamInput } from "./schemas";

type Node = Pick<Team, "orgTree" | "parentId">;

/** Ids sent more than once in a batch are refused: which of the two should win is the client's call. */
export function duplicateIds(items: readonly ({ id: string } | null)[]): IngestIssue[] {
  const first = new Map<string, number>();
  const issues: IngestIssue[] = [];
  items.forEach((item, index) => {
    if (!item) return;
    const earlier = first.get(item.id);
    if (earlier === undefined) first.set(item.id, index);
    else issues.push({ index, field: "id", message: `duplicate id "${item.id}": also item ${earlier}` });
  });
  const dupOf = new Map(issues.map((issue) => [first.get(items[issue.index!]!.id)!, issue.index!]));
  for (const [index, later] of dupOf) {
    issues.push({ index, field: "id", message: `duplicate id "${items[index]!.id}": also item ${later}` });
  }
  return issues;
}

/** Records must name a team of the project: `named` holds each item's teamId (null: no valid item). */
export function unknownTeams(teamIds: ReadonlySet<string>, named: readonly (string | null)[]): IngestIssue[] {
  const issues: IngestIssue[] = [];
  named.forEach((teamId, index) => {
    if (teamId !== null && !teamIds.has(teamId)) {
      issues.push({ index, field: "teamId", message: `names no team in this project: "${teamId}"` });
    }
  });
  return issues;
}

/** Checks a batch of teams and resolves each one's refId (kept on upsert, else the next free one). */
export function checkTeams(
  stored: ReadonlyMap<string, Team>,
  items: readonly (TeamInput | null)[],
): { issues: IngestIssue[]; teams: Team[] } {
  const merged = new Map<string, Node>(stored);
  const sent = new Set<string>();
  // The first occurrence of an id stands for it; duplicates are refused anyway.
  for (const item of items) {
    if (!item || sent.has(item.id)) continue;
    merged.set(item.id, item);
    sent.add(item.id);
  }
  const issues = [...parentIssues(merged, items), ...childIssues(stored, merged, sent, items)];
  const refs = resolveRefIds(stored, items);
  return { issues: [...issues, ...refs.issues], teams: refs.teams };
}

function parentIssues(merged: ReadonlyMap<string, Node>, items: readonly (TeamInput | null)[]): IngestIssue[] {
  const issues: IngestIssue[] = [];
  items.forEach((item, index) => {
    if (!item || item.parentId === null) return;
    const parent = merged.get(item.parentId);
    const message =
      item.parentId === item.id
        ? "a team cannot be its own parent"
        : !parent
          ? `names no team in this project: "${item.parentId}"`
          : parent.orgTree !== item.orgTree
            ? `team "${item.parentId}" is in org tree "${parent.orgTree}", not "${item.orgTree}"`
            : onCycle(merged, item.id)
              ? `would make a cycle: "${item.id}" would be its own ancestor`
              : null;
    if (message) issues.push({ index, field: "parentId", message });
  });
  return issues;
}

function onCycle(merged: ReadonlyMap<string, Node>, start: string): boolean {
  const seen = new Set<string>();
  let current = merged.get(start)?.parentId ?? null;
  while (current !== null && !seen.has(current)) {
    if (current === start) return true;
    seen.add(current);
    current = merged.get(current)?.parentId ?? null;
  }
  return false;
}

// Moving a team to another org tree would strand its stored children in the old one.
function childIssues(
  stored: ReadonlyMap<string, Team>,
  merged: ReadonlyMap<string, Node>,
  sent: ReadonlySet<string>,
  items: readonly (TeamInput | null)[],
): IngestIssue[] {
  const issues: IngestIssue[] = [];
  items.forEach((item, index) => {
    const before = item && stored.get(item.id);
    if (!item || !before || before.orgTree === item.orgTree) return;
    for (const [childId, child] of merged) {
      // Children sent in the batch are checked against their parent themselves.
      if (child.parentId === item.id && !sent.has(childId) && child.orgTree !== item.orgTree) {
        issues.push({
          index,
          field: "orgTree",
          message: `team "${childId}", a child of this team, is in org tree "${child.orgTree}"`,
        });
        return;
      }
    }
  });
  return issues;
}

function resolveRefIds(stored: ReadonlyMap<string, Team>, items: readonly (TeamInput | null)[]) {
  const owner = new Map<number, string>();
  for (const team of stored.values()) owner.set(team.refId, team.id);
  const issues: IngestIssue[] = [];
  const sentBy = new Map<number, number>();
  items.forEach((item, index) => {
    if (!item || item.refId === null) return;
    const holder = owner.get(item.refId);
    const earlier = sentBy.get(item.refId);
    if (holder !== undefined && holder !== item.id) {
      issues.push({ index, field: "refId", message: `refId ${item.refId} is already used by team "${holder}"` });
    } else if (earlier !== undefined) {
      issues.push({ index, field: "refId", message: `refId ${item.refId} is also given to item ${earlier}` });
    } else sentBy.set(item.refId, index);
  });
  let next = Math.max(0, ...owner.keys(), ...sentBy.keys()) + 1;
  const teams = items.map((item) =>
    item ? { ...item, refId: item.refId ?? stored.get(item.id)?.refId ?? next++ } : null,
  ) as Team[];
  return { issues, teams };
}
