// The parts of Jira's issue webhooks (developer.atlassian.com/cloud/jira/platform/webhooks: the
// callback's `issue` and `changelog`) and of its REST API's issues (`GET /rest/api/3/search/jql`
// with `expand=changelog`) that the mapper reads. Lenient as Jira is: unknown fields ignored.
import { z } from "zod";

/** Jira writes offsets without a colon (`2026-01-05T09:00:00.000+0000`); ISO-8601 wants `+00:00`. */
export const jiraInstant = (s: string): number => Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));

const instant = z
  .string()
  .refine((s) => Number.isFinite(jiraInstant(s)), "must be a date and time")
  .transform(jiraInstant);
const optionalInstant = instant.nullish().transform((v) => v ?? null);

const status = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  statusCategory: z.object({ key: z.string() }).nullish(),
});

export const issueObject = z.object({
  id: z.union([z.string().min(1), z.number().transform(String)]),
  key: z.string().min(1).max(200),
  fields: z.object({
    project: z.object({ key: z.string().min(1).max(200) }),
    status: status.nullish(),
    created: instant,
    updated: optionalInstant,
    resolutiondate: optionalInstant,
  }),
});

const changeItem = z.object({
  field: z.string().nullish(),
  fieldId: z.string().nullish(),
  from: z.string().nullish(),
  to: z.string().nullish(),
});

/** A `jira:issue_*` webhook: the issue after the change, and the change itself (updates only). */
export const issueEventPayload = z.object({
  timestamp: z.number().nullish(),
  issue: issueObject,
  changelog: z
    .object({ items: z.array(changeItem).nullish() })
    .nullish()
    .transform((v) => v?.items ?? []),
});

/** The importer's event: an issue with its whole status history and the categories of the statuses. */
export const importedIssuePayload = z.object({
  issue: issueObject,
  histories: z.array(z.object({ created: instant, items: z.array(changeItem) })).max(100_000),
  statusCategories: z.record(z.string(), z.string()),
});

export type JiraIssue = z.output<typeof issueObject>;
export type ChangeItem = z.output<typeof changeItem>;
