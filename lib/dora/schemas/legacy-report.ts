// POST /v2/insights/teams/reports: the legacy synchronous report's query and body (spec §7).
import { z } from "zod";
import {
  ciEnum,
  fieldsOf,
  isoDate,
  issuesToDetails,
  PARSE_OPTIONS,
  rangeProblem,
  type ValidationDetail,
} from "./common";

/** In the spec's order, which is also the CSV's order of columns. */
export const LEGACY_METRICS = [
  "LEAD_TIME_FOR_CHANGES",
  "DEPLOYMENT_FREQUENCY",
  "CHANGE_FAILURE_RATE",
  "MEAN_TIME_TO_RESTORE",
  "OVERALL_DORA",
] as const;
export type LegacyMetric = (typeof LEGACY_METRICS)[number];

export const LEGACY_GRANULARITIES = ["daily", "weekly", "monthly"] as const;
export const CALCULATION_TYPES = ["MEAN", "MEDIAN", "P90", "P95"] as const;

const ALWAYS = { when: () => true };

const efficiencySchema = z
  .strictObject({
    // Empty or absent means all five.
    metrics: z
      .array(ciEnum(LEGACY_METRICS))
      .nullish()
      .transform((ms): LegacyMetric[] =>
        ms && ms.length > 0 ? LEGACY_METRICS.filter((m) => ms.includes(m)) : [...LEGACY_METRICS],
      ),
    calculationType: ciEnum(CALCULATION_TYPES).default("MEAN"),
  })
  .prefault({});

export const legacyReportBodySchema = z
  .strictObject({
    dateStart: isoDate,
    dateEnd: isoDate,
    teamRefId: z.number().int(),
    granularity: ciEnum(LEGACY_GRANULARITIES).default("weekly"),
    efficiency: efficiencySchema,
    // Harness's body may ask for productivity metrics too; this engine has none, so it says so.
    productivity: z.undefined({ error: "is not supported: this engine exports efficiency metrics only" }).optional(),
  })
  .superRefine((raw, ctx) => {
    const { dateStart, dateEnd } = fieldsOf(raw);
    if (typeof dateStart !== "string" || typeof dateEnd !== "string") return;
    const problem = rangeProblem(dateStart, dateEnd, "dateStart");
    if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["dateEnd"] });
  }, ALWAYS)
  .transform((b) => ({
    teamRefId: b.teamRefId,
    dateStart: b.dateStart,
    dateEnd: b.dateEnd,
    granularity: b.granularity,
    metrics: b.efficiency.metrics,
    calculationType: b.efficiency.calculationType,
  }));

export type LegacyReportRequest = z.output<typeof legacyReportBodySchema>;

export interface LegacyReportQuery {
  format?: string | null;
  projectIdentifier?: string | null;
}

export type ParseLegacyResult = { ok: true; request: LegacyReportRequest } | { ok: false; details: ValidationDetail[] };

/** An absent `format` means csv, the only format there is. */
function queryDetails(query: LegacyReportQuery): ValidationDetail[] {
  const out: ValidationDetail[] = [];
  if (query.format != null && query.format.toLowerCase() !== "csv")
    out.push({ field: "format", message: "must be csv" });
  if (query.projectIdentifier == null || query.projectIdentifier.trim() === "") {
    out.push({ field: "projectIdentifier", message: "is required" });
  }
  return out;
}

export function parseLegacyReportRequest(query: LegacyReportQuery, body: unknown): ParseLegacyResult {
  const details = queryDetails(query);
  const parsed = legacyReportBodySchema.safeParse(body, PARSE_OPTIONS);
  if (!parsed.success) details.push(...issuesToDetails(parsed.error.issues));
  if (details.length > 0 || !parsed.success) return { ok: false, details };
  return { ok: true, request: parsed.data };
}
