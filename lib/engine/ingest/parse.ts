// Shape checks of an ingestion body: `{"items": [...]}` with 1..5000 items, each valid for its kind.
// Every problem of every item is reported, so a client can fix a whole batch in one round.
import type { z } from "zod";
import { MAX_ITEMS, type IngestKind } from "./kinds";
import { parseItem, type ItemOf } from "./schemas";

/** One problem of a batch: `index` names the item, absent when the problem is the body itself. */
export interface IngestIssue {
  index?: number;
  field: string;
  message: string;
}

export type Parsed<K extends IngestKind> =
  { ok: true; items: ItemOf[K][] } | { ok: false; issues: IngestIssue[]; items: (ItemOf[K] | null)[] };

export function parseBody<K extends IngestKind>(kind: K, body: unknown): Parsed<K> {
  const shape = bodyIssue(body);
  if (shape) return { ok: false, issues: [shape], items: [] };
  const raw = (body as { items: unknown[] }).items;
  const issues: IngestIssue[] = [];
  const items: (ItemOf[K] | null)[] = raw.map((item, index) => {
    const result = parseItem(kind, item);
    if (result.success) return result.data;
    issues.push(...result.issues.flatMap((issue) => toIssues(index, item, issue)));
    return null;
  });
  return issues.length === 0 ? { ok: true, items: items as ItemOf[K][] } : { ok: false, issues, items };
}

function bodyIssue(body: unknown): IngestIssue | null {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { field: "body", message: 'must be an object {"items": [...]}' };
  }
  const unknown = Object.keys(body).filter((key) => key !== "items");
  if (unknown.length > 0) return { field: unknown[0]!, message: "unknown field" };
  const items = (body as { items?: unknown }).items;
  if (!Array.isArray(items)) return { field: "items", message: "must be an array of items" };
  if (items.length === 0) return { field: "items", message: "must hold at least one item" };
  if (items.length > MAX_ITEMS) {
    return { field: "items", message: `must hold at most ${MAX_ITEMS} items (got ${items.length})` };
  }
  return null;
}

function toIssues(index: number, item: unknown, issue: z.core.$ZodIssue): IngestIssue[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ index, field: fieldOf([...issue.path, key]), message: "unknown field" }));
  }
  return [{ index, field: fieldOf(issue.path), message: messageOf(item, issue) }];
}

// Zod's own wording for a missing field or a non-object item ("expected string, received undefined")
// reads poorly in an API answer.
function messageOf(item: unknown, issue: z.core.$ZodIssue): string {
  if (issue.code !== "invalid_type") return issue.message;
  if (issue.path.length === 0) return "must be an object";
  const key = issue.path[0] as string;
  if (issue.path.length === 1 && (item as Record<string, unknown>)[key] === undefined) return "is required";
  return `must be ${article(issue.expected)}`;
}

const article = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

const fieldOf = (path: PropertyKey[]): string => (path.length === 0 ? "item" : path.map(String).join("."));
