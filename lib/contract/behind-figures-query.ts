// The queries of "behind the figures" (engine spec §9), as a URL's search parameters: the records
// behind a figure and the data coverage. One schema for the dashboard's proxy and the engine, so
// both refuse the same parameters with the same words.
import { z } from "zod";
import {
  isoDate,
  issuesToDetails,
  PARSE_OPTIONS,
  rangeProblem,
  timezoneSchema,
  isWellFormed,
  NOT_WELL_FORMED,
  type ValidationDetail,
} from "@/lib/dora";
import { RECORD_METRICS, type CoverageQuery, type RecordsQuery } from "./behind-figures";

/** The most records a page holds, and the default (spec §9). */
export const RECORDS_MAX_LIMIT = 1000;
export const RECORDS_DEFAULT_LIMIT = 100;

const teamId = z
  .string()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters")
  .refine(isWellFormed, NOT_WELL_FORMED);

/** Opaque, from the previous page: printable ASCII without spaces, of a sane length. */
const cursor = z
  .string()
  .regex(/^[\x21-\x7e]{1,512}$/, "must be the nextCursor of the previous page")
  .nullable()
  .default(null);

const limit = z
  .string()
  .regex(/^\d{1,4}$/, `must be an integer from 1 to ${RECORDS_MAX_LIMIT}`)
  .transform(Number)
  .refine((n) => n >= 1 && n <= RECORDS_MAX_LIMIT, `must be an integer from 1 to ${RECORDS_MAX_LIMIT}`)
  .default(RECORDS_DEFAULT_LIMIT);

const range = {
  teamId,
  start: isoDate,
  end: isoDate,
  timezone: timezoneSchema.default("UTC"),
};

function endAfterStart(q: { start?: unknown; end?: unknown }, ctx: z.RefinementCtx) {
  if (typeof q.start !== "string" || typeof q.end !== "string") return;
  const problem = rangeProblem(q.start, q.end, "start");
  if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["end"] });
}

const recordsQuerySchema = z
  .strictObject({
    ...range,
    metric: z.enum(RECORD_METRICS, { error: `must be one of ${RECORD_METRICS.join(", ")}` }),
    limit,
    cursor,
  })
  .superRefine(endAfterStart);

const coverageQuerySchema = z.strictObject(range).superRefine(endAfterStart);

export type QueryResult<Q> = { ok: true; query: Q } | { ok: false; details: ValidationDetail[] };

/** Search parameters as one value each; a parameter given twice is refused, not picked from. */
function single(search: URLSearchParams): { values: Record<string, string>; twice: ValidationDetail[] } {
  const values: Record<string, string> = {};
  const twice: ValidationDetail[] = [];
  for (const [k, v] of search) {
    if (k in values) twice.push({ field: k, message: "must be given once" });
    values[k] = v;
  }
  return { values, twice };
}

function parse<Q>(schema: z.ZodType<Q>, search: URLSearchParams): QueryResult<Q> {
  const { values, twice } = single(search);
  const parsed = schema.safeParse(values, PARSE_OPTIONS);
  const details = [...twice, ...(parsed.success ? [] : issuesToDetails(parsed.error.issues))];
  if (details.length > 0 || !parsed.success) return { ok: false, details };
  return { ok: true, query: parsed.data };
}

/** `GET …/records`: teamId, metric, start, end, timezone (UTC), limit (100), cursor. */
export const parseRecordsQuery = (search: URLSearchParams): QueryResult<RecordsQuery> =>
  parse(recordsQuerySchema, search);

/** `GET …/coverage`: teamId, start, end, timezone (UTC). */
export const parseCoverageQuery = (search: URLSearchParams): QueryResult<CoverageQuery> =>
  parse(coverageQuerySchema, search);
