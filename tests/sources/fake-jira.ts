// Jira Cloud's REST API as the importer reads it (tests/fixtures/sources/jira/README.md): the
// statuses with their categories, the enhanced JQL search paged by `nextPageToken` with each issue's
// changelog (cut to its first three histories, as a long one is), and the changelog's own endpoint.
import { startFakeApi, type FakeApi } from "./fake-vendor";

type Obj = Record<string, unknown>;
const HOUR = 3_600_000;
/** Jira's own way of writing an instant: milliseconds and an offset without a colon. */
const jiraTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+0000");

export const STATUSES = [
  { id: "10000", name: "To Do", statusCategory: { id: 2, key: "new", name: "To Do" } },
  { id: "3", name: "In Progress", statusCategory: { id: 4, key: "indeterminate", name: "In Progress" } },
  { id: "10002", name: "In Review", statusCategory: { id: 4, key: "indeterminate", name: "In Progress" } },
  { id: "10001", name: "Done", statusCategory: { id: 3, key: "done", name: "Done" } },
];
const status = (id: string) => STATUSES.find((s) => s.id === id)!;

export interface FakeIssue {
  issue: Obj & { id: string; key: string };
  histories: Obj[];
}

/** `n` issues of project PAY: each edited, most started, reviewed and done; every sixth never started. */
export function fakeIssues(n: number, start = Date.parse("2026-01-05T09:00:00Z")): FakeIssue[] {
  const out: FakeIssue[] = [];
  for (let i = 1; i <= n; i++) {
    const created = start + i * 7 * HOUR;
    const histories: Obj[] = [];
    let at = created;
    const move = (from: string, to: string) => {
      at += 5 * HOUR;
      histories.push({
        id: String(10_000 + i * 10 + histories.length),
        created: jiraTime(at),
        items: [
          {
            field: "status",
            fieldtype: "jira",
            fieldId: "status",
            from,
            fromString: status(from).name,
            to,
            toString: status(to).name,
          },
        ],
      });
    };
    const edit = () => {
      at += HOUR;
      histories.push({
        id: String(10_000 + i * 10 + histories.length),
        created: jiraTime(at),
        items: [
          {
            field: "summary",
            fieldtype: "jira",
            fieldId: "summary",
            from: null,
            fromString: "a",
            to: null,
            toString: "b",
          },
        ],
      });
    };
    edit();
    let current = "10000";
    if (i % 6 !== 0) {
      move("10000", "3");
      edit();
      move("3", "10002");
      if (i % 4 !== 0) {
        move("10002", "10001");
        current = "10001";
      } else current = "10002";
    }
    const done = current === "10001";
    out.push({
      issue: {
        id: String(50_000 + i),
        key: `PAY-${i}`,
        self: `https://acme.atlassian.net/rest/api/3/issue/${50_000 + i}`,
        fields: {
          project: { id: "10000", key: "PAY", name: "Payments" },
          status: status(current),
          created: jiraTime(created),
          updated: jiraTime(at),
          resolutiondate: done ? jiraTime(at) : null,
        },
      },
      histories,
    });
  }
  return out;
}

/** Histories the search shows of an issue's changelog; the rest come from the changelog endpoint. */
const SHOWN = 3;

export async function startFakeJira(issues: FakeIssue[]): Promise<FakeApi> {
  return startFakeApi((url) => {
    const q = url.searchParams;
    if (url.pathname === "/rest/api/3/status") return { status: 200, body: STATUSES };
    if (url.pathname === "/rest/api/3/search/jql") {
      if (!q.get("jql")) return { status: 400, body: { errorMessages: ["The JQL query is required."] } };
      const token = q.get("nextPageToken");
      if (token !== null && !/^page-\d+$/.test(token))
        return { status: 400, body: { errorMessages: ["The provided next page token is invalid or expired."] } };
      const offset = token === null ? 0 : Number(token.slice(5));
      const max = Math.min(100, Number(q.get("maxResults") ?? 50));
      const slice = issues.slice(offset, offset + max);
      const withChangelog = q.get("expand")?.split(",").includes("changelog");
      const last = offset + slice.length >= issues.length;
      return {
        status: 200,
        body: {
          issues: slice.map((i) => ({
            ...i.issue,
            ...(withChangelog
              ? {
                  changelog: {
                    startAt: 0,
                    maxResults: SHOWN,
                    total: i.histories.length,
                    histories: i.histories.slice(0, SHOWN),
                  },
                }
              : {}),
          })),
          ...(last ? { isLast: true } : { nextPageToken: `page-${offset + slice.length}`, isLast: false }),
        },
      };
    }
    const m = /^\/rest\/api\/3\/issue\/([^/]+)\/changelog$/.exec(url.pathname);
    if (m) {
      const issue = issues.find((i) => i.issue.id === m[1] || i.issue.key === m[1]);
      if (!issue)
        return {
          status: 404,
          body: { errorMessages: ["Issue does not exist or you do not have permission to see it."] },
        };
      const startAt = Number(q.get("startAt") ?? 0);
      const max = Math.min(100, Number(q.get("maxResults") ?? 100));
      const values = issue.histories.slice(startAt, startAt + max);
      return {
        status: 200,
        body: {
          startAt,
          maxResults: max,
          total: issue.histories.length,
          isLast: startAt + values.length >= issue.histories.length,
          values,
        },
      };
    }
    return null;
  });
}
