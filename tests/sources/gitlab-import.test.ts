// The GitLab importer against a local fake of GitLab's API v4: every page (issues by keyset), a 429's
// Retry-After and RateLimit-Reset honoured, a dropped connection retried, and an interrupted import
// resumed to the same records as an uninterrupted one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importGitlab } from "@/lib/sources";
import { saveMapping } from "@/lib/sources/mapping/store";
import { ingestOk, ORG, setupEngine } from "../engine-api/helpers";
import { fakeProject, startFakeGitlab, type FakeGitlab } from "./fake-gitlab";

const runtime = setupEngine();
const project = fakeProject(60);
const PATH = project.path;
let gitlab: FakeGitlab;
const MAPPING = "teams:\n  - gitlabProject: acme/**\n    team: app\n";
const BY_JOB = `${MAPPING}deployments:\n  repositories:\n    - repository: acme/platform/*\n      from: workflow\n      workflow: deploy-production\n`;

beforeAll(async () => {
  gitlab = await startFakeGitlab(project);
  const rt = await runtime();
  for (const name of ["whole", "stopped", "outage", "jobs"]) {
    await ingestOk("teams", [{ id: "app", name: "App", orgTree: "Engineering" }], { project: name });
    await saveMapping(rt.db, { org: ORG, project: name }, name === "jobs" ? BY_JOB : MAPPING, "yaml", "test");
  }
});
afterAll(() => gitlab.close());

async function recordsOf(name: string) {
  const db = (await runtime()).db;
  const out = {} as Record<"pull_requests" | "builds" | "deployments" | "incidents" | "work_items", unknown[]>;
  for (const table of ["pull_requests", "builds", "deployments", "incidents", "work_items"] as const)
    out[table] = (
      await db
        .selectFrom(table)
        .selectAll()
        .where("org_id", "=", ORG)
        .where("project_id", "=", name)
        .orderBy("id")
        .execute()
    ).map(({ project_id: _p, ...rest }) => rest);
  return out;
}

const options = (extra: Partial<Parameters<typeof importGitlab>[2]> = {}) => ({
  project: PATH,
  apiUrl: gitlab.url,
  token: "glpat-test-token",
  pageSize: 20,
  retryBaseMs: 50,
  ...extra,
});
const requestsTo = (re: RegExp, from = 0) => gitlab.requests.slice(from).filter((r) => re.test(r.path));

describe("npm run import -- gitlab", () => {
  it("reads every page, waits out 429s (Retry-After, RateLimit-Reset), retries a dropped connection", async () => {
    const rt = await runtime();
    gitlab.faults.push(
      {
        kind: "retry-after",
        times: 1,
        match: (u) => u.pathname.endsWith("/merge_requests") && u.searchParams.get("page") === "2",
      },
      { kind: "ratelimit-reset", times: 1, match: (u) => u.pathname.endsWith("/pipelines") },
      { kind: "drop", times: 1, match: (u) => u.pathname.endsWith("/deployments") },
    );
    const messages: string[] = [];
    const result = await importGitlab(
      rt.sources,
      { org: ORG, project: "whole" },
      options({ onProgress: (m) => messages.push(m) }),
    );
    expect(result).toMatchObject({ status: "done", resumed: false });
    // The token went with every request.
    expect(gitlab.requests.every((r) => r.token === "glpat-test-token")).toBe(true);
    // 60 merge requests in 3 pages of 20, the second asked twice, a second apart at least.
    const page2 = requestsTo(/\/merge_requests\?.*\bpage=2\b/);
    expect(page2.map((r) => r.status)).toEqual([429, 200]);
    expect(page2[1]!.at - page2[0]!.at).toBeGreaterThanOrEqual(950);
    expect(messages.some((m) => /GitLab's rate limit: waiting 1 s/.test(m))).toBe(true);
    const pipelines = requestsTo(/\/pipelines\?/);
    expect(pipelines[0]!.status).toBe(429);
    expect(pipelines[1]!.at - pipelines[0]!.at).toBeGreaterThanOrEqual(500);
    expect(requestsTo(/\/deployments\?/).map((r) => r.status)).toEqual(["dropped", 200]);
    expect(requestsTo(/\/merge_requests\?.*\bpage=4\b/)).toEqual([]);
    // Issues by keyset: the second page asked with the cursor the first one's link gave.
    const issues = requestsTo(/\/issues\?/);
    expect(issues).toHaveLength(2);
    expect(issues[0]!.path).toContain("pagination=keyset");
    expect(issues[1]!.path).toMatch(/[?&]cursor=/);

    const r = await recordsOf("whole");
    const merged = project.mergeRequests.filter((m) => m.state === "merged");
    expect(r.pull_requests).toHaveLength(project.mergeRequests.length);
    expect(r.builds).toHaveLength(project.pipelines.length);
    expect(r.deployments).toHaveLength(project.deployments.length);
    const incidents = project.issues.filter(
      (i) => i.issue_type === "incident" || (i.labels as string[]).includes("incident"),
    );
    expect(r.incidents).toHaveLength(incidents.length);
    expect(r.work_items).toHaveLength(project.issues.length - incidents.length);
    expect(merged.length).toBeGreaterThan(40);
    // A merged merge request: its first commit is its earliest commit's author date, merged at merged_at.
    const mr = r.pull_requests.find((p) => (p as { id: string }).id === `gitlab:${PATH}!1`) as Record<string, unknown>;
    expect(mr).toMatchObject({
      team_id: "app",
      first_commit_at: Date.parse(project.mergeRequests[0]!.created_at as string) - 30 * 3_600_000,
      merged_at: Date.parse(project.mergeRequests[0]!.merged_at as string),
      merge_commit_sha: project.mergeRequests[0]!.merge_commit_sha,
    });
    // A deployment: started when its job started, finished when its job finished.
    const d = project.deployments[0]!;
    const job = d.deployable as Record<string, string>;
    expect(r.deployments.find((x) => (x as { id: string }).id === `gitlab:${PATH}/deployments/${d.id}`)).toMatchObject({
      environment: "production",
      status: "success",
      started_at: Date.parse(job.started_at!),
      finished_at: Date.parse(job.finished_at!),
    });
    // A pipeline: its finish time from the pipeline itself (the list has none).
    const p = project.pipelines[0]!;
    expect(r.builds.find((x) => (x as { id: string }).id === `gitlab:${PATH}/pipelines/${p.id}`)).toMatchObject({
      commit_sha: p.sha,
      finished_at: Date.parse(p.finished_at as string),
    });
  });

  it("importing again adds no event and asks for no merge request's commits again", async () => {
    const rt = await runtime();
    const before = gitlab.requests.length;
    const again = await importGitlab(rt.sources, { org: ORG, project: "whole" }, options());
    expect(again).toMatchObject({ status: "done", newEvents: 0 });
    expect(requestsTo(/\/commits/, before)).toEqual([]);
  });

  it("with a deploying job in the mapping, the pipelines' jobs are read and that job's runs are deployments", async () => {
    const rt = await runtime();
    await importGitlab(rt.sources, { org: ORG, project: "jobs" }, options());
    const r = await recordsOf("jobs");
    const ran = project.pipelines.filter((p) => p.status === "success");
    const byJob = r.deployments.filter((d) => /\/jobs\/\d+$/.test((d as { id: string }).id));
    // Failed pipelines skipped their deploy job: no deployment.
    expect(byJob).toHaveLength(ran.length);
    // GitLab's deployments of that project are not deployments under this mapping.
    expect(r.deployments.filter((d) => /\/deployments\//.test((d as { id: string }).id))).toEqual([]);
  });

  it("stopped after two pages (Ctrl-C), then run again: it resumes and ends with the same records", async () => {
    const rt = await runtime();
    const stop = new AbortController();
    let pages = 0;
    const first = await importGitlab(
      rt.sources,
      { org: ORG, project: "stopped" },
      options({
        signal: stop.signal,
        onProgress: (m) => {
          if (/page \d+/.test(m) && ++pages === 2) stop.abort();
        },
      }),
    );
    expect(first.status).toBe("interrupted");
    const run = await rt.db
      .selectFrom("source_imports")
      .selectAll()
      .where("project_id", "=", "stopped")
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: "interrupted", phase: "merge_requests" });
    expect(JSON.parse(run.cursor!)).toMatchObject({ phase: "merge_requests", page: 3 });
    expect((await recordsOf("stopped")).pull_requests.length).toBeLessThan(project.mergeRequests.length);
    const before = gitlab.requests.length;
    const second = await importGitlab(rt.sources, { org: ORG, project: "stopped" }, options());
    expect(second).toMatchObject({ status: "done", resumed: true });
    // It did not read the first two pages again.
    expect(requestsTo(/\/merge_requests\?.*\bpage=1\b/, before)).toEqual([]);
    expect(await recordsOf("stopped")).toEqual(await recordsOf("whole"));
  });

  it("an outage mid-way fails the run with where it stopped; the next run resumes to the same records", async () => {
    const rt = await runtime();
    const outage: (typeof gitlab.faults)[number] = {
      kind: "drop",
      times: Infinity,
      match: (u) => u.pathname.endsWith("/issues"),
    };
    gitlab.faults.push(outage);
    await expect(
      importGitlab(rt.sources, { org: ORG, project: "outage" }, options({ retryBaseMs: 5 })),
    ).rejects.toThrow();
    const run = await rt.db
      .selectFrom("source_imports")
      .selectAll()
      .where("project_id", "=", "outage")
      .executeTakeFirstOrThrow();
    expect(run.status).toBe("failed");
    expect(run.message).toContain("at issues, page 1; run the same command to resume");
    outage.times = 0;
    expect(await importGitlab(rt.sources, { org: ORG, project: "outage" }, options())).toMatchObject({
      status: "done",
      resumed: true,
    });
    expect(await recordsOf("outage")).toEqual(await recordsOf("whole"));
  });
});
