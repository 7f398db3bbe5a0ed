// Building blocks shared by the request schemas: case-insensitive enums, calendar dates, and the
// mapping of zod issues to the `details` of a 400 (spec §8).
import { z } from "zod";
import { epochDay } from "../zone";

export interface ValidationDetail {
  field: string;
  message: string;
}

/** A string matched case-insensitively against `values` (or an alias), output in its canonical spelling. */
export function ciEnum<const T extends string>(values: readonly T[], aliases: Readonly<Record<string, T>> = {}) {
  const byLower = new Map<string, T>(values.map((v) => [v.toLowerCase(), v]));
  for (const [alias, value] of Object.entries(aliases)) byLower.set(alias.toLowerCase(), value);
  const message = `must be one of ${[...values, ...Object.keys(aliases)].join(", ")}`;
  const notString = (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : message);
  return z.string({ error: notString }).transform((s, ctx): T => {
    const hit = byLower.get(s.toLowerCase());
    if (hit !== undefined) return hit;
    ctx.issues.push({ code: "custom", message, input: s });
    return z.NEVER;
  });
}

/**
 * A value's fields, or none when it is not an object. Refinements that run despite earlier issues
 * (`when: () => true`) read their input through this, as it may be raw, unvalidated input.
 */
export function fieldsOf(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const LONE_SURROGATE = /\p{Cs}/u;
/**
 * Whether a string is well-formed Unicode: a lone half of a surrogate pair (`"\ud800"` in JSON) has
 * no UTF-8 form, so the store would keep bytes that read back as U+FFFD, another string.
 */
export const isWellFormed = (s: string): boolean => !LONE_SURROGATE.test(s);
export const NOT_WELL_FORMED = "must be well-formed Unicode (it holds a lone surrogate, U+D800 to U+DFFF)";

/** A non-blank, well-formed string. */
export const nonBlank = z
  .string()
  .refine((s) => s.trim() !== "", "must not be empty")
  .refine(isWellFormed, NOT_WELL_FORMED);

export const isoDate = z.string().refine((s) => epochDay(s) !== null, "must be a real calendar date yyyy-MM-dd");

/** The longest range, `end − start` in days (spec §5). */
export const MAX_RANGE_DAYS = 1096;

/** The range rules (start ≤ end, at most MAX_RANGE_DAYS apart) as a message, or null when they hold. */
export function rangeProblem(start: string, end: string, startName: string): string | null {
  const s = epochDay(start);
  const e = epochDay(end);
  if (s === null || e === null) return null;
  if (e < s) return `must not be before ${startName}`;
  if (e - s > MAX_RANGE_DAYS) return `must be at most ${MAX_RANGE_DAYS} days after ${startName}`;
  return null;
}

/** `scope.teamId`, `metricGroups[2]`; the body itself is `body`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? String(seg) : `.${String(seg)}`;
  }
  return out === "" ? "body" : out;
}

export function issuesToDetails(issues: readonly z.core.$ZodIssue[]): ValidationDetail[] {
  const out: ValidationDetail[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push({ field: fieldPath([...issue.path, key]), message: "unknown field" });
    } else {
      out.push({ field: fieldPath(issue.path), message: issue.message });
    }
  }
  return out;
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "a boolean",
  object: "an object",
  array: "an array",
};

/** Parse options: plain messages ("is required", "must be an integer") instead of zod's "Invalid input: …". */
export const PARSE_OPTIONS = {
  error: (issue: z.core.$ZodRawIssue) => {
    if (issue.code !== "invalid_type") return undefined;
    if (issue.input === undefined) return "is required";
    return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
  },
} satisfies z.core.ParseContext<z.core.$ZodIssue>;
