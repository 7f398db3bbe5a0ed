import { describe, expect, it } from "vitest";
import type { Fact } from "../facts";
import { foldEntity } from "../fold";
import { mappingSchema } from "../mapping/schema";
import { extractJira } from "./extract";
import { jiraInstant } from "./payloads";

const mapping = mappingSchema.parse({ teams: [{ jiraProject: "PAY", team: "pay" }] });
const STATUS = {
  todo: { id: "10000", statusCategory: { key: "new" } },
  doing: { id: "3", statusCategory: { key: "indeterminate" } },
  review: { id: "10002", statusCategory: { key: "indeterminate" } },
  done: { id: "10001", statusCategory: { key: "done" } },
};
type Status = keyof typeof STATUS;

const update = (updated: string, status: Status, from: Status | null, resolutiondate: string | null = null) => ({
  type: from === null ? "jira:issue_created" : "jira:issue_updated",
  receivedAt: 0,
  body: {
    timestamp: jiraInstant(updated),
    webhookEvent: from === null ? "jira:issue_created" : "jira:issue_updated",
    issue: {
      id: "10042",
      key: "PAY-7",
      fields: {
        project: { key: "PAY" },
        status: STATUS[status],
        created: "2026-01-05T09:00:00.000+0100",
        updated,
        resolutiondate,
      },
    },
    ...(from === null || from === status
      ? {}
      : {
          changelog: {
            id: "1",
            items: [{ field: "status", fieldId: "status", from: STATUS[from].id, to: STATUS[status].id }],
          },
        }),
  },
});

const fold = (events: ReturnType<typeof update>[]) =>
  foldEntity(
    events.flatMap((e) => (extractJira(e, mapping).facts ?? []) as Fact[]),
    [],
  );

describe("Jira work items", () => {
  const created = update("2026-01-05T09:00:00.000+0100", "todo", null);
  const started = update("2026-01-06T10:00:00.000+0100", "doing", "todo");
  const review = update("2026-01-07T10:00:00.000+0100", "review", "doing");
  const back = update("2026-01-07T12:00:00.000+0100", "todo", "review");
  const restarted = update("2026-01-08T10:00:00.000+0100", "doing", "todo");
  const done = update("2026-01-09T14:00:00.000+0100", "done", "doing", "2026-01-09T14:00:00.000+0100");

  it("started at the first move into an In Progress status, in any order; resolved at the resolution date", () => {
    const item = {
      id: "jira:PAY-7",
      teamId: "pay",
      createdAt: "2026-01-05T08:00:00.000Z",
      key: "PAY-7",
      startedAt: "2026-01-06T09:00:00.000Z",
      resolvedAt: "2026-01-09T13:00:00.000Z",
    };
    const events = [created, started, review, back, restarted, done];
    expect(fold(events)).toEqual([{ kind: "work-items", item }]);
    expect(fold([...events].reverse())).toEqual([{ kind: "work-items", item }]);
    expect(fold([created])).toEqual([{ kind: "work-items", item: { ...item, startedAt: null, resolvedAt: null } }]);
  });

  it("created straight into a status of work is started when created; an edit in progress is no start", () => {
    const inProgress = update("2026-01-05T09:00:00.000+0100", "doing", null);
    expect(fold([inProgress])[0]!.item).toMatchObject({ startedAt: "2026-01-05T08:00:00.000Z" });
    const edit = update("2026-01-07T10:00:00.000+0100", "doing", "doing");
    expect(fold([created, edit])[0]!.item).toMatchObject({ startedAt: null });
  });

  it("the importer's whole history gives what the webhooks gave", () => {
    const imported = {
      type: "jira:issue_imported",
      receivedAt: 0,
      body: {
        issue: done.body.issue,
        histories: [started, review, back, restarted, done].map((e) => ({
          created: e.body.issue.fields.updated,
          items: (e.body as unknown as { changelog: { items: unknown[] } }).changelog.items,
        })),
        statusCategories: Object.fromEntries(Object.values(STATUS).map((s) => [s.id, s.statusCategory.key])),
      },
    };
    expect(fold([imported as never])).toEqual(fold([created, started, review, back, restarted, done]));
  });

  it("an unmapped project; a deleted issue makes nothing; Jira's offsets without a colon", () => {
    const other = update("2026-01-05T09:00:00.000+0100", "todo", null);
    other.body.issue.fields.project.key = "WEB";
    expect(extractJira(other, mapping)).toEqual({
      status: "unmapped",
      reason: "no team rule matches Jira project WEB",
    });
    const deleted = { ...created, type: "jira:issue_deleted" };
    expect(fold([created, deleted])).toEqual([]);
    expect(jiraInstant("2026-01-05T09:00:00.000+0100")).toBe(Date.parse("2026-01-05T08:00:00Z"));
    expect(jiraInstant("2026-01-05T09:00:00.000-0530")).toBe(Date.parse("2026-01-05T14:30:00Z"));
  });
});
