// The GitHub importer against a local fake of GitHub's API: every page, the secondary rate limit's
// retry-after honoured, a dropped connection retried, and an interrupted import resumed to the same
// records as an uninterrupted one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importGithub } from "@/lib/sources";
import { saveMapping } from "@/lib/sources/mapping/store";
import { ingestOk, ORG, setupEngine } from "../engine-api/helpers";
import { fakeRepo, startFakeGithub, type FakeGithub } from "./fake-github";

const runtime = setupEngine();
const repo = fakeRepo(60);
let github: FakeGithub;
const MAPPING = "teams:\n  - repository: acme/*\n    team: app\n";

beforeAll(async () => {
  github = await startFakeGithub(repo);
  const rt = await runtime();
  for (const project of ["whole", "stopped", "outage"]) {
    await ingestOk("teams", [{ id: "app", name: "App", orgTree: "Engineering" }], { project });
    await saveMapping(rt.db, { org: ORG, project }, MAPPING, "yaml", "test");
  }
});
afterAll(() => github.close());

async function recordsOf(project: string) {
  const db = (await runtime()).db;
  const out = {} as Record<"pull_requests" | "builds" | "deployments" | "incidents" | "work_items", unknown[]>;
  for (const table of ["pull_requests", "builds", "deployments", "incidents", "work_items"] as const)
    out[table] = (
      await db
        .selectFrom(table)
        .selectAll()
        .where("org_id", "=", ORG)
        .where("project_id", "=", project)
        .orderBy("id")
        .execute()
    ).map(({ project_id: _p, ...rest }) => rest);
  return out;
}

const options = (extra: Partial<Parameters<typeof importGithub>[2]> = {}) => ({
  repo: "acme/app",
  apiUrl: github.url,
  pageSize: 20,
  retryAfterBaseValue: 1000,
  ...extra,
});

describe("npm run import -- github", () => {
  it("reads every page, waits out a secondary rate limit, retries a dropped connection", async () => {
    const rt = await runtime();
    github.faults.push(
      {
        kind: "secondary-limit",
        times: 1,
        match: (u) => u.pathname.endsWith("/pulls") && u.searchParams.get("page") === "2",
      },
      { kind: "drop", times: 1, match: (u) => u.pathname.endsWith("/deployments") },
    );
    const messages: string[] = [];
    const result = await importGithub(
      rt.sources,
      { org: ORG, project: "whole" },
      options({ onProgress: (m) => messages.push(m) }),
    );
    expect(result).toMatchObject({ status: "done", resumed: false });
    // 60 pull requests in 3 pages of 20, the second asked twice, a second apart at least.
    const page2 = github.requests.filter((r) => /\/pulls\?.*[?&]page=2\b/.test(r.path));
    expect(page2.map((r) => r.status)).toEqual([403, 200]);
    expect(page2[1]!.at - page2[0]!.at).toBeGreaterThanOrEqual(950);
    expect(messages.some((m) => m.includes("secondary rate limit: waiting 1 s"))).toBe(true);
    expect(
      github.requests.filter((r) => r.path.startsWith("/repos/acme/app/deployments?")).map((r) => r.status),
    ).toEqual(["dropped", 200]);
    expect(github.requests.filter((r) => /\/pulls\?.*[?&]page=4\b/.test(r.path))).toEqual([]);

    const r = await recordsOf("whole");
    const merged = repo.pulls.filter((p) => p.merged_at);
    expect(r.pull_requests).toHaveLength(repo.pulls.length);
    expect(r.builds).toHaveLength(merged.length);
    expect(r.deployments).toHaveLength(repo.deployments.length);
    const incidents = repo.issues.filter((i) => !i.pull_request && (i.labels as unknown[]).length > 0);
    expect(r.incidents).toHaveLength(incidents.length);
    expect(r.work_items).toHaveLength(repo.issues.filter((i) => !i.pull_request).length - incidents.length);
    // A merged pull request: its first commit is its earliest commit's author date.
    const pr = r.pull_requests.find((p) => (p as { id: string }).id === "github:acme/app#1") as Record<string, unknown>;
    expect(pr).toMatchObject({
      team_id: "app",
      first_commit_at: Date.parse(repo.pulls[0]!.created_at as string) - 30 * 3_600_000,
      merged_at: Date.parse(repo.pulls[0]!.merged_at as string),
      merge_commit_sha: repo.pulls[0]!.merge_commit_sha,
    });
    const staging = r.deployments.find(
      (d) => (d as { id: string }).id === "github:acme/app/deployments/900010",
    ) as Record<string, unknown>;
    expect(staging).toMatchObject({ environment: "staging", status: "success" });
  });

  it("importing again adds no event and asks for no pull request's commits again", async () => {
    const rt = await runtime();
    const before = github.requests.length;
    const again = await importGithub(rt.sources, { org: ORG, project: "whole" }, options());
    expect(again).toMatchObject({ status: "done", newEvents: 0 });
    expect(github.requests.slice(before).filter((r) => r.path.includes("/commits"))).toEqual([]);
  });

  it("stopped after two pages (Ctrl-C), then run again: it resumes and ends with the same records", async () => {
    const rt = await runtime();
    const stop = new AbortController();
    let pages = 0;
    const first = await importGithub(
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
    expect(run).toMatchObject({ status: "interrupted", phase: "pulls" });
    expect(JSON.parse(run.cursor!)).toMatchObject({ phase: "pulls", page: 3 });
    expect((await recordsOf("stopped")).pull_requests.length).toBeLessThan(repo.pulls.length);
    const before = github.requests.length;
    const second = await importGithub(rt.sources, { org: ORG, project: "stopped" }, options());
    expect(second).toMatchObject({ status: "done", resumed: true });
    // It did not read the first two pages again.
    expect(github.requests.slice(before).filter((r) => /\/pulls\?.*[?&]page=1\b/.test(r.path))).toEqual([]);
    expect(await recordsOf("stopped")).toEqual(await recordsOf("whole"));
  });

  it("an outage mid-way fails the run with where it stopped; the next run resumes to the same records", async () => {
    const rt = await runtime();
    const outage: (typeof github.faults)[number] = {
      kind: "drop",
      times: Infinity,
      match: (u) => u.pathname.endsWith("/actions/runs"),
    };
    github.faults.push(outage);
    await expect(
      importGithub(rt.sources, { org: ORG, project: "outage" }, options({ retryAfterBaseValue: 5 })),
    ).rejects.toThrow();
    const run = await rt.db
      .selectFrom("source_imports")
      .selectAll()
      .where("project_id", "=", "outage")
      .executeTakeFirstOrThrow();
    expect(run.status).toBe("failed");
    expect(run.message).toContain("at runs, page 1; run the same command to resume");
    outage.times = 0;
    expect(await importGithub(rt.sources, { org: ORG, project: "outage" }, options())).toMatchObject({
      status: "done",
      resumed: true,
    });
    expect(await recordsOf("outage")).toEqual(await recordsOf("whole"));
  });
});
