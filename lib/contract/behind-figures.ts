// The wire types of "behind the figures" (engine spec §9): the records a figure is computed over and
// how much of the data the figures see. The engine answers them, the dashboard passes them through,
// and the browser parses them with these schemas.
import { z } from "zod";
import { RECORD_METRICS, type CoverageQuery, type RecordMetric, type RecordsQuery } from "@/lib/dora";

export { RECORD_METRICS, type CoverageQuery, type RecordMetric, type RecordsQuery };

/** An instant as ISO-8601 UTC with milliseconds (`2026-01-05T14:03:00.000Z`). */
const instant = z.string();
const days = z.number();
const maybe = <T extends z.ZodType>(t: T) => t.nullable();

export const LTTC_STAGES = ["PLANNING", "CODING", "REVIEW", "BUILD", "DEPLOY"] as const;

export const lttcRecordSchema = z.object({
  pullRequestId: z.string(),
  teamId: z.string(),
  repository: z.string(),
  workItemId: maybe(z.string()),
  buildId: maybe(z.string()),
  deploymentId: z.string(),
  /** The deployment's finishedAt. */
  anchor: instant,
  stages: z.object({
    PLANNING: maybe(days),
    CODING: maybe(days),
    REVIEW: maybe(days),
    BUILD: maybe(days),
    DEPLOY: maybe(days),
  }),
  lttcDays: days,
});
export type LttcRecord = z.infer<typeof lttcRecordSchema>;

export const dfRecordSchema = z.object({
  deploymentId: z.string(),
  teamId: z.string(),
  service: maybe(z.string()),
  repository: maybe(z.string()),
  finishedAt: instant,
});
export type DfRecord = z.infer<typeof dfRecordSchema>;

export const cfrRecordSchema = z.object({
  deploymentId: z.string(),
  teamId: z.string(),
  status: z.enum(["success", "failure"]),
  finishedAt: instant,
  failure: z.boolean(),
  /** The incidents whose deployment (spec 4.5) it is, sorted. */
  incidentIds: z.array(z.string()),
});
export type CfrRecord = z.infer<typeof cfrRecordSchema>;

export const mttrRecordSchema = z.object({
  incidentId: z.string(),
  teamId: z.string(),
  /** Its deployment under spec 4.5. */
  deploymentId: maybe(z.string()),
  openedAt: instant,
  resolvedAt: instant,
  restoreDays: days,
});
export type MttrRecord = z.infer<typeof mttrRecordSchema>;

export const fdrtRecordSchema = z.object({
  /** The failed deployment. */
  deploymentId: z.string(),
  teamId: z.string(),
  finishedAt: instant,
  recoveryDeploymentId: z.string(),
  /** The recovery's finishedAt: the anchor. */
  recoveredAt: instant,
  recoveryDays: days,
});
export type FdrtRecord = z.infer<typeof fdrtRecordSchema>;

export const reworkRecordSchema = z.object({
  deploymentId: z.string(),
  teamId: z.string(),
  finishedAt: instant,
  rework: z.boolean(),
  /** The failed deployments it recovers, sorted. */
  recoveryOf: z.array(z.string()),
});
export type ReworkRecord = z.infer<typeof reworkRecordSchema>;

export const recordSchemas = {
  lttc: lttcRecordSchema,
  df: dfRecordSchema,
  cfr: cfrRecordSchema,
  mttr: mttrRecordSchema,
  fdrt: fdrtRecordSchema,
  rework: reworkRecordSchema,
} as const satisfies Record<RecordMetric, z.ZodType>;

/** One metric's item. */
export type RecordItem<M extends RecordMetric = RecordMetric> = z.infer<(typeof recordSchemas)[M]>;

/** A page of a metric's records: `total` is the whole population's size, `nextCursor` opaque. */
export interface RecordsPage<M extends RecordMetric = RecordMetric> {
  items: RecordItem<M>[];
  total: number;
  nextCursor: string | null;
}

/** The schema of a page of `metric`'s records. */
export function recordsPageSchema<M extends RecordMetric>(metric: M) {
  return z.object({
    items: z.array(recordSchemas[metric]),
    total: z.number().int().nonnegative(),
    nextCursor: z.string().nullable(),
  });
}

const count = z.number().int().nonnegative();

export const coverageSchema = z.object({
  pullRequests: z.object({ merged: count, deployed: count, withWorkItem: count, withBuild: count }),
  deployments: z.object({ production: count, withChanges: count, failed: count }),
  incidents: z.object({ opened: count, linked: count, unresolved: count }),
  workItems: z.object({ resolved: count, withPullRequest: count }),
});
export type Coverage = z.infer<typeof coverageSchema>;
