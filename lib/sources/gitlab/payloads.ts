// The parts of GitLab's webhook payloads (and of the REST objects the importer wraps alike) that the
// mapper reads. GitLab writes instants three ways (`2013-12-03T17:23:34Z`, `2016-08-12 15:23:28 UTC`,
// `2021-04-28 21:50:00 +0200`); all are read. Unknown fields are ignored; a payload missing what a
// record needs fails with the field named.
import { z } from "zod";

const GITLAB_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;

/** An instant as GitLab writes it, in epoch ms; null when it is not one. No zone means UTC. */
export function gitlabTime(value: string): number | null {
  const m = GITLAB_TIME.exec(value.trim());
  if (!m) return null;
  let zone = m[3] ?? "Z";
  if (/^utc$/i.test(zone)) zone = "Z";
  else if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${m[1]}T${m[2]}${zone}`);
  return Number.isFinite(ms) ? ms : null;
}

const instant = z
  .string()
  .refine((s) => gitlabTime(s) !== null, "must be an instant")
  .transform((s) => gitlabTime(s)!);
const optionalInstant = instant.nullish().transform((v) => v ?? null);
const text = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

export const projectPart = z.object({
  project: z.object({ path_with_namespace: z.string().min(1).max(300) }),
});

/** A label: an object with a title in webhooks, a plain name in the REST API. */
const labels = z
  .array(z.union([z.object({ title: text, name: text }), z.string()]))
  .nullish()
  .transform((v) => (v ?? []).map((l) => (typeof l === "string" ? l : (l.title ?? l.name ?? ""))));

export const mergeRequestPayload = z.object({
  object_attributes: z.object({
    iid: z.number().int().positive(),
    state: z.string().min(1),
    action: text,
    title: text,
    description: text,
    source_branch: text,
    source_project_id: z.number().int().nullish(),
    target_project_id: z.number().int().nullish(),
    created_at: instant,
    updated_at: optionalInstant,
    // The REST API's; a webhook has neither, so a merge's time is the `merge` action's updated_at.
    merged_at: optionalInstant,
    closed_at: optionalInstant,
    merge_commit_sha: text,
    squash_commit_sha: text,
    source: z
      .object({ path_with_namespace: z.string().min(1).max(300) })
      .nullish()
      .transform((v) => v ?? null),
  }),
});

/** The importer's event for a merge request's commits (`GET /merge_requests/:iid/commits`). */
export const mergeRequestCommitsPayload = z.object({
  merge_request: z.object({ iid: z.number().int().positive() }),
  commits: z.array(z.object({ authored_date: optionalInstant, committed_date: optionalInstant })).max(10_000),
});

export const pushPayload = z.object({
  ref: z.string().min(1),
  after: text,
  commits: z
    .array(z.object({ timestamp: optionalInstant }))
    .nullish()
    .transform((v) => v ?? []),
});

export const deploymentPayload = z.object({
  status: z.string().min(1),
  status_changed_at: instant,
  deployment_id: id,
  environment: z.string().min(1).max(200),
  deployable_id: id.nullish(),
});

const job = z.object({
  id,
  name: z.string(),
  status: z.string(),
  started_at: optionalInstant,
  finished_at: optionalInstant,
});

export const pipelinePayload = z.object({
  object_attributes: z.object({
    id,
    ref: text,
    sha: z.string().min(1).max(200),
    status: z.string().min(1),
    created_at: instant,
    finished_at: optionalInstant,
  }),
  builds: z
    .array(job)
    .nullish()
    .transform((v) => v ?? []),
});

export const issuePayload = z.object({
  object_attributes: z.object({
    iid: z.number().int().positive(),
    state: z.string().min(1),
    action: text,
    // `Incident` in webhooks (GitLab 17.2+), `INCIDENT` in the REST API; older ones name it issue_type.
    type: text,
    issue_type: text,
    created_at: instant,
    updated_at: optionalInstant,
    closed_at: optionalInstant,
    moved_to_id: z.number().nullish(),
    labels,
  }),
  labels,
});
