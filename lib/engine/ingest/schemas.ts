// Item schemas of the ingestion API (spec §2), strict: an unknown field is an error, not ignored.
// Zod only validates (transforms would take it off its fast path, and batches are large); `convert`
// then turns a valid item into the plain types of lib/dora/types.ts (epoch ms, absent fields null).
import { z } from "zod";
import {
  isWellFormed,
  NOT_WELL_FORMED,
  type Build,
  type Deployment,
  type Incident,
  type PullRequest,
  type Status,
  type Team,
  type WorkItem,
} from "@/lib/dora";
import { parseInstant } from "./instant";
import type { IngestKind } from "./kinds";

export const ID_MAX_LENGTH = 200;
export const TEXT_MAX_LENGTH = 500;
export const MAX_REF_ID = 2_147_483_647;
export const MAX_LINKS = 1000;

// Ids and text must be well-formed Unicode: a lone surrogate would be stored as other bytes and read
// back as U+FFFD, and a resend would no longer find its record.
const id = z
  .string()
  .min(1, "must not be empty")
  .max(ID_MAX_LENGTH, `must be at most ${ID_MAX_LENGTH} characters`)
  .refine(isWellFormed, NOT_WELL_FORMED);
const text = z
  .string()
  .min(1, "must not be empty")
  .max(TEXT_MAX_LENGTH, `must be at most ${TEXT_MAX_LENGTH} characters`)
  .refine(isWellFormed, NOT_WELL_FORMED);
// The instants of the item being parsed, as checked, so that converting it parses none again.
const instants = new Map<string, number | null>();
const checkInstant = (value: string): boolean => {
  let ms = instants.get(value);
  if (ms === undefined) {
    ms = parseInstant(value);
    instants.set(value, ms);
  }
  return ms !== null;
};
const instant = z
  .string()
  .refine(checkInstant, "must be an ISO-8601 instant with an offset, e.g. 2026-01-05T14:03:00Z");
// Case-insensitive on input, stored lower case.
const status = z.string().refine((value) => /^(success|failure)$/i.test(value), "must be success or failure");
const links = z.array(id).max(MAX_LINKS, `must list at most ${MAX_LINKS} ids`).nullish();
const refId = z.int("must be an integer").positive("must be a positive integer").max(MAX_REF_ID);

/** A team as sent: its refId may be absent, and is then kept or assigned by the engine. */
export type TeamInput = Omit<Team, "refId"> & { refId: number | null };

const SCHEMAS = {
  teams: z.strictObject({ id, name: text, orgTree: text, refId: refId.nullish(), parentId: id.nullish() }),
  "work-items": z.strictObject({
    id,
    teamId: id,
    createdAt: instant,
    key: text.nullish(),
    startedAt: instant.nullish(),
    resolvedAt: instant.nullish(),
  }),
  "pull-requests": z.strictObject({
    id,
    teamId: id,
    repository: text,
    firstCommitAt: instant,
    openedAt: instant,
    mergedAt: instant.nullish(),
    mergeCommitSha: id.nullish(),
    workItemId: id.nullish(),
  }),
  builds: z.strictObject({
    id,
    repository: text,
    commitSha: id,
    finishedAt: instant,
    status,
    startedAt: instant.nullish(),
  }),
  deployments: z.strictObject({
    id,
    teamId: id,
    environment: text,
    status,
    finishedAt: instant,
    service: text.nullish(),
    repository: text.nullish(),
    startedAt: instant.nullish(),
    pullRequestIds: links,
    commitShas: links,
  }),
  incidents: z.strictObject({
    id,
    teamId: id,
    openedAt: instant,
    resolvedAt: instant.nullish(),
    service: text.nullish(),
    deploymentId: id.nullish(),
  }),
} satisfies Record<IngestKind, z.ZodType>;

type Valid<K extends IngestKind> = z.output<(typeof SCHEMAS)[K]>;

/** An item of kind K as a client sends it (camelCase, ISO-8601 instants), by its schema. */
export type IngestPayload<K extends IngestKind> = z.input<(typeof SCHEMAS)[K]>;

/** The parsed item of each kind. */
export interface ItemOf {
  teams: TeamInput;
  "work-items": WorkItem;
  "pull-requests": PullRequest;
  builds: Build;
  deployments: Deployment;
  incidents: Incident;
}

const ms = (value: string): number => instants.get(value) ?? parseInstant(value)!;
const msOrNull = (value: string | null | undefined): number | null => (value == null ? null : ms(value));
const lower = (value: string) => value.toLowerCase() as Status;

const CONVERT: { [K in IngestKind]: (item: Valid<K>) => ItemOf[K] } = {
  teams: (t) => ({ id: t.id, name: t.name, orgTree: t.orgTree, refId: t.refId ?? null, parentId: t.parentId ?? null }),
  "work-items": (w) => ({
    id: w.id,
    teamId: w.teamId,
    createdAt: ms(w.createdAt),
    key: w.key ?? null,
    startedAt: msOrNull(w.startedAt),
    resolvedAt: msOrNull(w.resolvedAt),
  }),
  "pull-requests": (p) => ({
    id: p.id,
    teamId: p.teamId,
    repository: p.repository,
    firstCommitAt: ms(p.firstCommitAt),
    openedAt: ms(p.openedAt),
    mergedAt: msOrNull(p.mergedAt),
    mergeCommitSha: p.mergeCommitSha ?? null,
    workItemId: p.workItemId ?? null,
  }),
  builds: (b) => ({
    id: b.id,
    repository: b.repository,
    commitSha: b.commitSha,
    finishedAt: ms(b.finishedAt),
    status: lower(b.status),
    startedAt: msOrNull(b.startedAt),
  }),
  deployments: (d) => ({
    id: d.id,
    teamId: d.teamId,
    environment: d.environment,
    status: lower(d.status),
    finishedAt: ms(d.finishedAt),
    service: d.service ?? null,
    repository: d.repository ?? null,
    startedAt: msOrNull(d.startedAt),
    pullRequestIds: d.pullRequestIds ?? [],
    commitShas: d.commitShas ?? [],
  }),
  incidents: (i) => ({
    id: i.id,
    teamId: i.teamId,
    openedAt: ms(i.openedAt),
    resolvedAt: msOrNull(i.resolvedAt),
    service: i.service ?? null,
    deploymentId: i.deploymentId ?? null,
  }),
};

export type ItemResult<K extends IngestKind> =
  { success: true; data: ItemOf[K] } | { success: false; issues: z.core.$ZodIssue[] };

/** Validates one item of a kind and converts it to its plain type. */
export function parseItem<K extends IngestKind>(kind: K, item: unknown): ItemResult<K> {
  const schema: z.ZodType = SCHEMAS[kind];
  instants.clear();
  const result = schema.safeParse(item);
  if (!result.success) return { success: false, issues: result.error.issues };
  return { success: true, data: (CONVERT[kind] as (item: Valid<K>) => ItemOf[K])(result.data as Valid<K>) };
}
