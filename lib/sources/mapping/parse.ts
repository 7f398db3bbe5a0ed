// A mapping document as sent (JSON or YAML) to a checked Mapping, or every problem with the field
// it concerns and its line, so an editor can show each message next to what it is about.
import { LineCounter, parseDocument, isNode } from "yaml";
import type { z } from "zod";
import { mappingSchema, type Mapping } from "./schema";

export type MappingFormat = "json" | "yaml";

export interface MappingIssue {
  /** The field's path, dot-separated (`teams.0.team`); `document` for the document as a whole. */
  field: string;
  message: string;
  /** The line (1-based) of the field in the text, when known. */
  line?: number;
}

export type ParsedMapping =
  { ok: true; mapping: Mapping; format: MappingFormat } | { ok: false; issues: MappingIssue[] };

export const MAX_MAPPING_BYTES = 256 * 1024;

/** JSON when it says so or looks so (a JSON document is YAML too, so YAML is the fallback). */
export function detectFormat(text: string, contentType?: string | null): MappingFormat {
  if (contentType && /json/i.test(contentType)) return "json";
  if (contentType && /yaml/i.test(contentType)) return "yaml";
  return /^\s*[{[]/.test(text) ? "json" : "yaml";
}

export function parseMapping(text: string, format: MappingFormat = detectFormat(text)): ParsedMapping {
  if (Buffer.byteLength(text, "utf8") > MAX_MAPPING_BYTES)
    return { ok: false, issues: [{ field: "document", message: `must be at most ${MAX_MAPPING_BYTES} bytes` }] };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  let value: unknown;
  if (format === "json") {
    try {
      value = text.trim() === "" ? {} : JSON.parse(text);
    } catch (err) {
      const message = err instanceof Error ? err.message.replace(/^JSON\.parse: /, "") : "is not valid JSON";
      return { ok: false, issues: [{ field: "document", message: `is not valid JSON: ${message}` }] };
    }
  } else {
    if (doc.errors.length > 0)
      return {
        ok: false,
        issues: doc.errors.map((e) => ({
          field: "document",
          message: `is not valid YAML: ${e.message.split("\n")[0]}`,
          line: e.linePos?.[0]?.line,
        })),
      };
    value = doc.toJS() ?? {};
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { ok: false, issues: [{ field: "document", message: "must be an object (teams, production, …)" }] };
  const result = mappingSchema.safeParse(value);
  if (result.success) return { ok: true, mapping: result.data, format };
  const lineOf = (path: PropertyKey[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as (string | number)[], true);
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { ok: false, issues: result.error.issues.flatMap((issue) => toIssues(issue, value, lineOf)) };
}

function toIssues(
  issue: z.core.$ZodIssue,
  value: unknown,
  lineOf: (path: PropertyKey[]) => number | undefined,
): MappingIssue[] {
  if (issue.code === "unrecognized_keys")
    return issue.keys.map((key) => ({
      field: fieldOf([...issue.path, key]),
      message: "unknown field",
      line: lineOf([...issue.path, key]),
    }));
  return [{ field: fieldOf(issue.path), message: messageOf(issue, value), line: lineOf(issue.path) }];
}

function messageOf(issue: z.core.$ZodIssue, root: unknown): string {
  if (issue.code !== "invalid_type") return issue.message;
  let at: unknown = root;
  for (const key of issue.path) at = (at as Record<PropertyKey, unknown> | undefined)?.[key];
  if (at === undefined) return "is required";
  return `must be ${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected}`;
}

const fieldOf = (path: PropertyKey[]): string => (path.length === 0 ? "document" : path.map(String).join("."));
