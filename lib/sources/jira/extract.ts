// Jira's issue events to facts (pure). A work item is created when the issue is, started at its first
// move into a status of the "In Progress" category (key `indeterminate`), resolved at its resolution
// date; the newest state of the issue wins, the earliest start any event shows is kept.
import type { Extracted, SourceEvent } from "../facts";
import { reasonOf } from "../github/payloads";
import { teamFor } from "../mapping/rules";
import type { Mapping } from "../mapping/schema";
import { importedIssuePayload, issueEventPayload, type ChangeItem, type JiraIssue } from "./payloads";

export const JIRA_EVENTS = ["jira:issue_created", "jira:issue_updated", "jira:issue_deleted"] as const;

/** The importer's event type: an issue as the search API gave it, with its changelog. */
export const JIRA_IMPORTED = "jira:issue_imported";

/** The status category of work in progress (Jira's "In Progress" category). */
const IN_PROGRESS = "indeterminate";

export const workItemId = (key: string) => `jira:${key}`;
// By the issue's id, which a move to another project keeps: the record then follows the new key.
const entityOf = (issueId: string) => `entity:jira:issue/${issueId}`;

const isStatus = (item: ChangeItem) => item.fieldId === "status" || item.field === "status";

export function extractJira(event: SourceEvent, mapping: Mapping): Extracted {
  if (event.type === JIRA_IMPORTED) {
    const parsed = importedIssuePayload.safeParse(event.body);
    if (!parsed.success) return { status: "failed", reason: reasonOf(parsed.error) };
    const { issue, histories, statusCategories } = parsed.data;
    const moves = histories
      .flatMap((h) => h.items.filter(isStatus).map((item) => ({ at: h.created, item })))
      .sort((a, b) => a.at - b.at);
    const started = moves.filter((m) => m.item.to && statusCategories[m.item.to] === IN_PROGRESS).map((m) => m.at);
    // Created straight into a status of work: started when created.
    const first = moves[0]?.item;
    const initial = first ? statusCategories[first.from ?? ""] : issue.fields.status?.statusCategory?.key;
    if (initial === IN_PROGRESS) started.push(issue.fields.created);
    return state(issue, mapping, started, false);
  }
  if (!(JIRA_EVENTS as readonly string[]).includes(event.type))
    return { status: "ignored", reason: `event type ${event.type.slice(0, 60)} is not used` };
  const parsed = issueEventPayload.safeParse(event.body);
  if (!parsed.success) return { status: "failed", reason: reasonOf(parsed.error) };
  const { issue, changelog, timestamp } = parsed.data;
  const current = issue.fields.status;
  const started: number[] = [];
  if (current?.statusCategory?.key === IN_PROGRESS) {
    // The change moved it into its current status, a status of work: it started then.
    const at = issue.fields.updated ?? timestamp ?? event.receivedAt;
    if (changelog.some((item) => isStatus(item) && item.to === current.id)) started.push(at);
    else if (event.type === "jira:issue_created") started.push(issue.fields.created);
  }
  return state(issue, mapping, started, event.type === "jira:issue_deleted", timestamp ?? null);
}

function state(
  issue: JiraIssue,
  mapping: Mapping,
  started: number[],
  gone: boolean,
  timestamp: number | null = null,
): Extracted {
  const project = issue.fields.project.key;
  const team = teamFor(mapping, "jiraProject", project);
  if (team === null) return { status: "unmapped", reason: `no team rule matches Jira project ${project}` };
  return {
    status: "mapped",
    facts: [
      {
        entity: entityOf(issue.id),
        link: null,
        at: issue.fields.updated ?? timestamp ?? issue.fields.created,
        data: {
          t: "workitem",
          id: workItemId(issue.key),
          team,
          key: issue.key,
          createdAt: issue.fields.created,
          resolvedAt: issue.fields.resolutiondate,
          started,
          gone,
        },
      },
    ],
  };
}
