// bench:sources' Jira deliveries: Jira's own documented issue events (tests/fixtures/sources/jira/)
// with their projects, issues and times changed, signed as Jira signs them, as a site of 10 projects
// would send them: each issue created, its summary edited, moved to "In Progress", then to "Done".
import crypto from "node:crypto";
import issueCreated from "../tests/fixtures/sources/jira/issue_created.json";
import issueDone from "../tests/fixtures/sources/jira/issue_updated-done.json";
import issueStarted from "../tests/fixtures/sources/jira/issue_updated-started.json";
import issueSummary from "../tests/fixtures/sources/jira/issue_updated-summary.json";

export const JIRA_SECRET = "bench-jira-secret-0123456789abcdef";
/** The projects' keys: BENCH (the key GitHub's and GitLab's branches name) and BENCH1…BENCH9. */
export const JIRA_PROJECTS = "BENCH*";

type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const STEPS = [issueCreated, issueSummary, issueStarted, issueDone];
/** When each step happens after the issue's creation: at once, 3 hours, a day, four days. */
const AFTER = [0, 3 * 3_600_000, 86_400_000, 4 * 86_400_000];
/** Jira's form of an instant: milliseconds and an offset without a colon. */
const jiraTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+0000");

/** Delivery i: step i % 4 of issue i / 4 (created, summary edited, started, done). */
export function jiraDelivery(i: number): { headers: Record<string, string>; raw: string } {
  const n = Math.floor(i / 4);
  const step = i % 4;
  const k = n % 10;
  const projectKey = k === 0 ? "BENCH" : `BENCH${k}`;
  const created = Date.parse("2026-01-05T00:00:00Z") + n * 240_000;
  const at = created + AFTER[step]!;
  const body = structuredClone(STEPS[step]!) as Payload;
  body.timestamp = at;
  const issue = body.issue;
  issue.id = String(200_000 + n);
  issue.key = `${projectKey}-${Math.floor(n / 10) + 1}`;
  issue.self = `https://bench.atlassian.net/rest/api/2/${issue.id}`;
  Object.assign(issue.fields.project, { id: String(10_000 + k), key: projectKey, name: `Bench ${k}` });
  Object.assign(issue.fields, {
    created: jiraTime(created),
    updated: jiraTime(at),
    statuscategorychangedate: jiraTime(step === 1 ? created : at),
    ...(step === 3 ? { resolutiondate: jiraTime(at) } : {}),
  });
  if (body.changelog) body.changelog.id = String(300_000 + i);
  const raw = JSON.stringify(body);
  return {
    headers: {
      "content-type": "application/json",
      "x-atlassian-webhook-identifier": `bench-jira-${i}`,
      "x-hub-signature": `sha256=${crypto.createHmac("sha256", JIRA_SECRET).update(raw).digest("hex")}`,
    },
    raw,
  };
}
