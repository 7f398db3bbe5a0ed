// The query parameters of GET /v2/insights/efficiency/records and …/coverage (spec §9), validated
// and normalised: every problem named by its parameter, as §8 asks.
import { z } from "zod";
import {
  ciEnum,
  fieldsOf,
  isoDate,
  issuesToDetails,
  nonBlank,
  PARSE_OPTIONS,
  rangeProblem,
  type ValidationDetail,
} from "./common";
import { timezoneSchema } from "./options";

/** The metrics whose records can be listed, as the `metric` parameter spells them. */
export const RECORD_METRICS = ["lttc", "df", "cfr", "mttr", "fdrt", "rework"] as const;
export type RecordMetric = (typeof RECORD_METRICS)[number];

export const DEFAULT_RECORDS_LIMIT = 100;
export const MAX_RECORDS_LIMIT = 1000;

/** The range and scope both endpoints take. */
export interface CoverageQuery {
  teamId: string;
  start: string;
  end: string;
  timezone: string;
}

export interface RecordsQuery extends CoverageQuery {
  metric: RecordMetric;
  limit: number;
  /** Opaque, from the previous page; null for the first. */
  cursor: string | null;
}

const ALWAYS = { when: () => true };

const limitSchema = z
  .string()
  .regex(/^\d{1,7}$/, `must be an integer from 1 to ${MAX_RECORDS_LIMIT}`)
  .transform(Number)
  .refine((n) => n >= 1 && n <= MAX_RECORDS_LIMIT, `must be an integer from 1 to ${MAX_RECORDS_LIMIT}`)
  .default(DEFAULT_RECORDS_LIMIT);

const coverageShape = {
  teamId: nonBlank,
  start: isoDate,
  end: isoDate,
  timezone: timezoneSchema.default("UTC"),
};

function checkRange(raw: unknown, ctx: z.RefinementCtx): void {
  const { start, end } = fieldsOf(raw);
  if (typeof start !== "string" || typeof end !== "string") return;
  const problem = rangeProblem(start, end, "start");
  if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["end"] });
}

const coverageSchema = z.strictObject(coverageShape).superRefine(checkRange, ALWAYS);
const recordsSchema = z
  .strictObject({
    ...coverageShape,
    metric: ciEnum(RECORD_METRICS, { deployment_frequency: "df" }),
    limit: limitSchema,
    cursor: nonBlank.nullish().transform((c) => c ?? null),
  })
  .superRefine(checkRange, ALWAYS);

/** The identifiers of §1 travel in the same query string; the API's wrapper checks them. */
const IDENTIFIERS = new Set(["projectIdentifier", "orgIdentifier"]);

export type ParseQueryResult<T> = { ok: true; query: T } | { ok: false; details: ValidationDetail[] };

/** The parameters as one value each; a parameter given twice is a problem of its own. */
function single(params: URLSearchParams): { values: Record<string, string>; details: ValidationDetail[] } {
  const values: Record<string, string> = {};
  const details: ValidationDetail[] = [];
  for (const [name, value] of params) {
    if (IDENTIFIERS.has(name)) continue;
    if (name in values) {
      if (!details.some((d) => d.field === name)) details.push({ field: name, message: "must be given once" });
      continue;
    }
    values[name] = value;
  }
  return { values, details };
}

function parseWith<T>(schema: z.ZodType<T>, params: URLSearchParams): ParseQueryResult<T> {
  const { values, details } = single(params);
  const parsed = schema.safeParse(values, PARSE_OPTIONS);
  const issues = parsed.success ? [] : issuesToDetails(parsed.error.issues);
  const problems = [
    ...details,
    ...issues.map((d) =>
      d.message === "unknown field" ? { ...d, message: "is not a parameter of this endpoint" } : d,
    ),
  ];
  if (problems.length > 0 || !parsed.success) return { ok: false, details: problems };
  return { ok: true, query: parsed.data };
}

export function parseRecordsQuery(params: URLSearchParams): ParseQueryResult<RecordsQuery> {
  return parseWith<RecordsQuery>(recordsSchema, params);
}

export function parseCoverageQuery(params: URLSearchParams): ParseQueryResult<CoverageQuery> {
  return parseWith<CoverageQuery>(coverageSchema, params);
}
