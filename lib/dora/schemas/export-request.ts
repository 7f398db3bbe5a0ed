// POST /v2/insights/efficiency/exports: the request body (spec §5), validated and normalised.
import { z } from "zod";
import { columnsFor, HIERARCHY_COLUMNS } from "../columns";
import { METRIC_GROUPS, type Aggregation, type ExportParams, type MetricGroup } from "../types";
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
import { aggregationSchema, makeOptionsSchema } from "./options";
import { makeScopeSchema, type RequestIdentifiers } from "./scope";

export interface ExportRequestContext extends RequestIdentifiers {
  /** Names of the benchmark sets `options.benchmark` may choose. */
  benchmarks: readonly string[];
}

const ALWAYS = { when: () => true };

export const metricGroupSchema = ciEnum(METRIC_GROUPS, { df: "deployment_frequency" });

/** Canonical, de-duplicated, in the CSV's order of groups. */
export const metricGroupsSchema = z
  .array(metricGroupSchema)
  .min(1, "must name at least one metric group")
  .transform((groups) => METRIC_GROUPS.filter((g) => groups.includes(g)));

export const dateRangeSchema = z.strictObject({ start: isoDate, end: isoDate }).superRefine((range, ctx) => {
  const { start, end } = fieldsOf(range);
  if (typeof start !== "string" || typeof end !== "string") return;
  const problem = rangeProblem(start, end, "dateRange.start");
  if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["end"] });
}, ALWAYS);

/** `[]` and `null` mean every column, like an absent list. */
const metricsSchema = z.array(nonBlank).nullish();

/** Lower-case names of the hierarchy columns and of the metric columns the groups produce. */
function knownColumns(groups: readonly MetricGroup[], agg: Aggregation): Set<string> {
  return new Set([...HIERARCHY_COLUMNS, ...columnsFor(groups, agg)].map((c) => c.toLowerCase()));
}

// Runs even when other fields failed; it re-reads groups and aggregation through their own
// (idempotent) schemas and stays silent when those are invalid, as they are reported already.
function checkMetrics(raw: unknown, ctx: z.RefinementCtx): void {
  const body = fieldsOf(raw);
  if (!Array.isArray(body.metrics)) return;
  const groups = metricGroupsSchema.safeParse(body.metricGroups);
  const agg = aggregationSchema.safeParse(fieldsOf(body.options).aggregation);
  if (!groups.success || !agg.success) return;
  const known = knownColumns(groups.data, agg.data);
  body.metrics.forEach((name: unknown, i) => {
    // Names that are not non-blank strings are reported by the list's own schema.
    if (typeof name !== "string" || name.trim() === "" || known.has(name.toLowerCase())) return;
    const message = `is not a column of the chosen metric groups with aggregation ${agg.data}`;
    ctx.addIssue({ code: "custom", message, path: ["metrics", i] });
  });
}

/** The raw body's schema; with a context it also checks scope identifiers and benchmark names. */
export function makeExportRequestSchema(ctx?: ExportRequestContext) {
  return z
    .strictObject({
      scope: makeScopeSchema(ctx),
      dateRange: dateRangeSchema,
      metricGroups: metricGroupsSchema,
      metrics: metricsSchema,
      options: makeOptionsSchema(ctx?.benchmarks),
    })
    .superRefine(checkMetrics, ALWAYS);
}

/** Context-free: for forms. The engine uses `parseExportRequest`, which adds the request's context. */
export const exportRequestSchema = makeExportRequestSchema();
export type ExportRequestInput = z.input<typeof exportRequestSchema>;
export type ExportRequestBody = z.output<typeof exportRequestSchema>;

export type ParseExportResult = { ok: true; params: ExportParams } | { ok: false; details: ValidationDetail[] };

export function parseExportRequest(body: unknown, ctx: ExportRequestContext): ParseExportResult {
  const parsed = makeExportRequestSchema(ctx).safeParse(body, PARSE_OPTIONS);
  if (!parsed.success) return { ok: false, details: issuesToDetails(parsed.error.issues) };
  return { ok: true, params: toExportParams(parsed.data, ctx) };
}

export function toExportParams(body: ExportRequestBody, ids: RequestIdentifiers): ExportParams {
  const { scope, options } = body;
  return {
    // The scope's project defaults to the request's, so that giving it or not is the same request.
    scope:
      scope.kind === "team" ? scope : { ...scope, projectIdentifier: scope.projectIdentifier ?? ids.projectIdentifier },
    dateRange: body.dateRange,
    metricGroups: body.metricGroups,
    metrics: normaliseMetrics(body.metrics, body.metricGroups, options.aggregation),
    granularity: options.granularity,
    aggregation: options.aggregation,
    compression: options.compression,
    format: options.format,
    timezone: options.timezone,
    benchmark: options.benchmark,
  };
}

/**
 * Canonical case, de-duplicated, in CSV order, without hierarchy columns (always kept). A list that
 * keeps every metric column is the same request as no list, so both become null.
 */
function normaliseMetrics(
  metrics: readonly string[] | null | undefined,
  groups: readonly MetricGroup[],
  agg: Aggregation,
): string[] | null {
  if (!metrics || metrics.length === 0) return null;
  const wanted = new Set(metrics.map((m) => m.toLowerCase()));
  const all = columnsFor(groups, agg);
  const kept = all.filter((c) => wanted.has(c.toLowerCase()));
  return kept.length === all.length ? null : kept;
}
