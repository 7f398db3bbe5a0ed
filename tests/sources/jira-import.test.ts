// The Jira importer against a local fake of Jira Cloud's REST API: every page of the JQL search,
// long changelogs read from their own endpoint, a 429's Retry-After waited out, a dropped connection
// tried again, an interrupted import resumed to the same work items as an uninterrupted one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importJira } from "@/lib/sources";
import { saveMapping } from "@/lib/sources/mapping/store";
import { ingestOk, ORG, setupEngine } from "../engine-api/helpers";
import { fakeIssues, startFakeJira } from "./fake-jira";
import type { FakeApi } from "./fake-vendor";

const runtime = setupEngine();
const issues = fakeIssues(25);
let jira: FakeApi;
const MAPPING = "teams:\n  - jiraProject: PAY\n    team: pay\n";
const JQL = "project = PAY ORDER BY created ASC";

beforeAll(async () => {
  jira = await startFakeJira(issues);
  const rt = await runtime();
  for (const project of ["whole", "stopped"]) {
    await ingestOk("teams", [{ id: "pay", name: "Payments", orgTree: "Engineering" }], { project });
    await saveMapping(rt.db, { org: ORG, project }, MAPPING, "yaml", "test");
  }
});
afterAll(() => jira.close());

async function workItemsOf(project: string) {
  const rows = await (
    await runtime()
  ).db
    .selectFrom("work_items")
    .selectAll()
    .where("org_id", "=", ORG)
    .where("project_id", "=", project)
    .orderBy("id")
    .execute();
  return rows.map(({ project_id: _p, has_pr: _h, ...rest }) => rest);
}

const options = (extra: Partial<Parameters<typeof importJira>[2]> = {}) => ({
  jql: JQL,
  apiUrl: jira.url,
  email: "dev@example.com",
  token: "jira-api-token",
  pageSize: 10,
  secondMs: 1000,
  ...extra,
});

describe("npm run import -- jira", () => {
  it("reads every page with the changelogs, waits out a 429, retries a dropped connection", async () => {
    const rt = await runtime();
    jira.faults.push(
      { kind: "rate-limit", times: 1, match: (u) => u.searchParams.get("nextPageToken") === "page-10" },
      { kind: "drop", times: 1, match: (u) => u.pathname.endsWith("/changelog") },
    );
    const messages: string[] = [];
    const result = await importJira(
      rt.sources,
      { org: ORG, project: "whole" },
      options({ onProgress: (m) => messages.push(m) }),
    );
    expect(result).toMatchObject({ status: "done", resumed: false, pages: 3, items: issues.length });
    const page2 = jira.requests.filter((r) => r.path.includes("nextPageToken=page-10"));
    expect(page2.map((r) => r.status)).toEqual([429, 200]);
    expect(page2[1]!.at - page2[0]!.at).toBeGreaterThanOrEqual(950);
    expect(messages).toContain("Jira's rate limit: waiting 1 s before GET /rest/api/3/search/jql");
    expect(jira.requests.filter((r) => r.status === "dropped")).toHaveLength(1);
    const basic = `Basic ${Buffer.from("dev@example.com:jira-api-token").toString("base64")}`;
    expect(jira.requests.every((r) => r.authorization === basic)).toBe(true);
    // Issues with more history than the search shows had their changelog read on its own.
    expect(jira.requests.some((r) => r.path.startsWith("/rest/api/3/issue/50001/changelog"))).toBe(true);

    const rows = await workItemsOf("whole");
    expect(rows).toHaveLength(issues.length);
    const t = (s: string) => Date.parse(s.replace("+0000", "Z"));
    // PAY-1: edited, started (its 2nd history, beyond what the search showed for none), reviewed, done.
    const one = issues[0]!;
    const started = one.histories.find((h) => JSON.stringify(h).includes('"to":"3"')) as { created: string };
    expect(rows.find((r) => r.id === "jira:PAY-1")).toMatchObject({
      team_id: "pay",
      key: "PAY-1",
      created_at: t(String((one.issue.fields as { created: string }).created)),
      started_at: t(started.created),
      resolved_at: t(String((one.issue.fields as { resolutiondate: string }).resolutiondate)),
    });
    // PAY-4 is in review (started, not resolved); PAY-6 never started.
    expect(rows.find((r) => r.id === "jira:PAY-4")).toMatchObject({ resolved_at: null });
    expect(rows.find((r) => r.id === "jira:PAY-4")!.started_at).not.toBeNull();
    expect(rows.find((r) => r.id === "jira:PAY-6")).toMatchObject({ started_at: null, resolved_at: null });
  });

  it("importing again adds no event", async () => {
    const again = await importJira((await runtime()).sources, { org: ORG, project: "whole" }, options());
    expect(again).toMatchObject({ status: "done", newEvents: 0 });
  });

  it("stopped after the first page (Ctrl-C), then run again: it resumes and ends with the same work items", async () => {
    const rt = await runtime();
    const stop = new AbortController();
    const first = await importJira(
      rt.sources,
      { org: ORG, project: "stopped" },
      options({ signal: stop.signal, onProgress: (m) => m.startsWith("issues: page 1,") && stop.abort() }),
    );
    expect(first.status).toBe("interrupted");
    const run = await rt.db
      .selectFrom("source_imports")
      .selectAll()
      .where("project_id", "=", "stopped")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(run.cursor!)).toMatchObject({ page: 2, nextPageToken: "page-10" });
    expect(await workItemsOf("stopped")).toHaveLength(10);
    const before = jira.requests.length;
    expect(await importJira(rt.sources, { org: ORG, project: "stopped" }, options())).toMatchObject({
      status: "done",
      resumed: true,
    });
    const searches = jira.requests.slice(before).filter((r) => r.path.startsWith("/rest/api/3/search/jql"));
    expect(searches.every((r) => r.path.includes("nextPageToken="))).toBe(true);
    expect(await workItemsOf("stopped")).toEqual(await workItemsOf("whole"));
  });
});
