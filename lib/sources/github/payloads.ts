// The parts of GitHub's webhook payloads (and REST objects, which share their shapes) that the
// mapper reads. Lenient where GitHub is (null for absent values, unknown fields ignored); a payload
// missing what a record needs fails with the field named.
import { z } from "zod";

const instant = z
  .string()
  .refine((s) => Number.isFinite(Date.parse(s)), "must be an ISO-8601 instant")
  .transform((s) => Date.parse(s));
const optionalInstant = instant.nullish().transform((v) => v ?? null);
const text = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

export const repositoryPart = z.object({
  repository: z.object({ full_name: z.string().min(1).max(300) }),
});

export const pullRequestPayload = z.object({
  pull_request: z.object({
    number: z.number().int().positive(),
    state: z.string(),
    title: text,
    body: text,
    created_at: instant,
    updated_at: optionalInstant,
    closed_at: optionalInstant,
    merged_at: optionalInstant,
    merge_commit_sha: text,
    head: z
      .object({ ref: text, repo: z.object({ full_name: z.string() }).nullish() })
      .nullish()
      .transform((v) => v ?? null),
  }),
});

/** The importer's event for a pull request's commits (`GET /pulls/{n}/commits`). */
export const pullRequestCommitsPayload = z.object({
  pull_request: z.object({ number: z.number().int().positive() }),
  commits: z
    .array(
      z.object({
        commit: z
          .object({
            author: z.object({ date: optionalInstant }).nullish(),
            committer: z.object({ date: optionalInstant }).nullish(),
          })
          .nullish(),
      }),
    )
    .max(10_000),
});

export const pushPayload = z.object({
  ref: z.string().min(1),
  deleted: z.boolean().nullish(),
  commits: z
    .array(z.object({ timestamp: optionalInstant }))
    .nullish()
    .transform((v) => v ?? []),
  head_commit: z.object({ timestamp: optionalInstant }).nullish(),
  repository: z.object({ pushed_at: z.union([z.number(), z.string()]).nullish() }),
});

export const deploymentStatusPayload = z.object({
  deployment_status: z.object({
    id,
    state: z.string().min(1),
    created_at: instant,
    updated_at: optionalInstant,
    environment: text,
  }),
  deployment: z.object({
    id,
    environment: text,
    created_at: optionalInstant,
  }),
});

export const workflowRunPayload = z.object({
  workflow_run: z.object({
    id,
    name: text,
    path: text,
    head_branch: text,
    head_sha: z.string().min(1).max(200),
    status: text,
    conclusion: text,
    run_attempt: z.number().int().nullish(),
    run_started_at: optionalInstant,
    created_at: optionalInstant,
    updated_at: instant,
  }),
  workflow: z.object({ name: text, path: text }).nullish(),
});

export const issuePayload = z.object({
  action: z.string().nullish(),
  issue: z.object({
    number: z.number().int().positive(),
    state: text,
    state_reason: text,
    created_at: instant,
    updated_at: optionalInstant,
    closed_at: optionalInstant,
    labels: z
      .array(z.union([z.object({ name: text }), z.string()]))
      .nullish()
      .transform((v) => v ?? []),
    pull_request: z.unknown().optional(),
  }),
});

/** The first problems of a payload as one line: `pull_request.created_at: is required; …`. */
export function reasonOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const field = issue.path.map(String).join(".") || "payload";
      const message =
        issue.code === "invalid_type" && issue.message.includes("received undefined")
          ? "is required"
          : issue.code === "invalid_type" && issue.message.includes("received null")
            ? "is null"
            : issue.message;
      return `${field}: ${message}`;
    })
    .join("; ");
}
