// The git importer on repositories built here with the real git binary (merge commits, a squash
// commit, annotated and lightweight tags, a rebased branch), and on this project's own history.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importGit } from "@/lib/sources";
import { ingestOk, ORG, PROJECT, setupEngine } from "../engine-api/helpers";
import { putMapping, records } from "./helpers";

const runtime = setupEngine();
const scope = { org: ORG, project: PROJECT };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-git-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function git(args: string[], at = "2026-01-01T10:00:00Z", author = at): string {
  return execFileSync("git", ["-c", "user.name=Dev", "-c", "user.email=dev@example.com", ...args], {
    cwd: dir,
    env: { ...process.env, GIT_AUTHOR_DATE: author, GIT_COMMITTER_DATE: at, GIT_CONFIG_NOSYSTEM: "1", HOME: dir },
    encoding: "utf8",
  }).trim();
}
const commit = (message: string, at: string, author = at) => {
  // A file per commit: branches never conflict, so the rebase below replays cleanly.
  const file = `${message.replace(/[^a-z0-9]+/gi, "-")}.txt`;
  fs.writeFileSync(path.join(dir, file), `${message}\n`);
  git(["add", file], at, author);
  git(["commit", "-q", "-m", message], at, author);
  return git(["rev-parse", "HEAD"]);
};
const ms = (iso: string) => Date.parse(iso);

const shas: Record<string, string> = {};

beforeAll(async () => {
  await ingestOk("teams", [{ id: "app", name: "App", orgTree: "Engineering" }]);
  expect(
    (await putMapping("teams:\n  - repository: acme/app\n    team: app\n  - repository: fourfold\n    team: app\n"))
      .status,
  ).toBe(200);
  git(["init", "-q", "-b", "main"]);
  commit("initial", "2026-01-01T10:00:00Z");
  git(["checkout", "-q", "-b", "feature/PAY-1-refunds"]);
  commit("refunds: model", "2026-01-02T09:00:00Z");
  commit("refunds: api", "2026-01-03T09:00:00Z");
  git(["checkout", "-q", "main"]);
  git(
    [
      "merge",
      "-q",
      "--no-ff",
      "-m",
      "Merge pull request #1 from acme/feature/PAY-1-refunds\n\nRefunds",
      "feature/PAY-1-refunds",
    ],
    "2026-01-04T12:00:00Z",
  );
  shas.m1 = git(["rev-parse", "HEAD"]);
  shas.s2 = commit("Add search (#2)", "2026-01-05T10:00:00Z", "2026-01-05T08:00:00Z");
  git(["tag", "-a", "v1.0", "-m", "release 1.0"], "2026-01-06T00:00:00Z");
  // A branch rebased onto main and fast-forwarded: its commits land with no merge and no (#n).
  git(["checkout", "-q", "-b", "topic"]);
  commit("topic: one", "2026-01-06T09:00:00Z");
  commit("topic: two", "2026-01-06T10:00:00Z");
  git(["checkout", "-q", "main"]);
  commit("docs", "2026-01-06T11:00:00Z");
  git(["checkout", "-q", "topic"]);
  git(["rebase", "-q", "main"], "2026-01-07T08:00:00Z");
  git(["checkout", "-q", "main"]);
  git(["merge", "-q", "--ff-only", "topic"], "2026-01-07T08:00:00Z");
  git(["checkout", "-q", "-b", "feature/OPS-7-x"]);
  commit("x", "2026-01-08T09:00:00Z");
  git(["checkout", "-q", "main"]);
  git(["merge", "-q", "--no-ff", "-m", "Merge branch 'feature/OPS-7-x'", "feature/OPS-7-x"], "2026-01-09T12:00:00Z");
  shas.m3 = git(["rev-parse", "HEAD"]);
  git(["tag", "v1.1"], "2026-01-09T12:00:00Z");
  git(["tag", "nightly-1"], "2026-01-09T12:00:00Z");
});

describe("npm run import -- git", () => {
  it("merge and squash commits become pull requests, matching tags deployments; a rebased branch is none", async () => {
    const rt = await runtime();
    const result = await importGit(rt.sources, scope, {
      path: dir,
      repository: "acme/app",
      branch: "main",
      deployTags: "v*",
    });
    expect(result).toMatchObject({ pullRequests: 3, deployments: 2 });
    const r = await records(rt);
    expect(r.pullRequests.map(({ org_id: _o, project_id: _p, ...pr }) => pr)).toEqual(
      [
        {
          id: `git:acme/app@${shas.m1}`,
          team_id: "app",
          repository: "acme/app",
          first_commit_at: ms("2026-01-02T09:00:00Z"),
          opened_at: ms("2026-01-02T09:00:00Z"),
          merged_at: ms("2026-01-04T12:00:00Z"),
          merge_commit_sha: shas.m1,
          work_item_id: "jira:PAY-1",
        },
        {
          id: `git:acme/app@${shas.s2}`,
          team_id: "app",
          repository: "acme/app",
          first_commit_at: ms("2026-01-05T08:00:00Z"),
          opened_at: ms("2026-01-05T08:00:00Z"),
          merged_at: ms("2026-01-05T10:00:00Z"),
          merge_commit_sha: shas.s2,
          work_item_id: null,
        },
        {
          id: `git:acme/app@${shas.m3}`,
          team_id: "app",
          repository: "acme/app",
          first_commit_at: ms("2026-01-08T09:00:00Z"),
          opened_at: ms("2026-01-08T09:00:00Z"),
          merged_at: ms("2026-01-09T12:00:00Z"),
          merge_commit_sha: shas.m3,
          work_item_id: "jira:OPS-7",
        },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect(r.deployments.map((d) => [d.id, d.environment, d.status, d.finished_at, d.commit_shas])).toEqual([
      [
        "git:acme/app/tags/v1.0",
        "production",
        "success",
        ms("2026-01-06T00:00:00Z"),
        JSON.stringify([shas.m1, shas.s2]),
      ],
      ["git:acme/app/tags/v1.1", "production", "success", ms("2026-01-09T12:00:00Z"), JSON.stringify([shas.m3])],
    ]);
  });

  it("importing the same history again adds no event and changes no record", async () => {
    const rt = await runtime();
    const before = await records(rt);
    const again = await importGit(rt.sources, scope, { path: dir, repository: "acme/app", deployTags: "v*" });
    expect(again.newEvents).toBe(0);
    expect(await records(rt)).toEqual(before);
  });

  it("a missing branch or repository fails with git's reason, and the run is marked failed", async () => {
    const rt = await runtime();
    await expect(importGit(rt.sources, scope, { path: dir, repository: "acme/app", branch: "nope" })).rejects.toThrow(
      /no branch or commit "nope"/,
    );
    await expect(
      importGit(rt.sources, scope, { path: path.join(dir, "missing"), repository: "acme/app" }),
    ).rejects.toThrow();
    const runs = await rt.db.selectFrom("source_imports").select(["status"]).orderBy("id", "desc").limit(2).execute();
    expect(runs.map((r) => r.status)).toEqual(["failed", "failed"]);
  });

  it("runs on this project's own history: one pull request per merge on the first-parent line", async () => {
    const rt = await runtime();
    const repo = process.cwd();
    const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repo, encoding: "utf8" }).trim();
    const merges = Number(
      execFileSync("git", ["rev-list", "--first-parent", "--merges", "--count", head], {
        cwd: repo,
        encoding: "utf8",
      }).trim(),
    );
    const squashes = execFileSync("git", ["log", "--first-parent", "--no-merges", "--format=%s", head], {
      cwd: repo,
      encoding: "utf8",
    })
      .split("\n")
      .filter((s) => /\(#\d+\)\s*$/.test(s)).length;
    const result = await importGit(rt.sources, scope, { path: repo, repository: "fourfold", branch: head });
    expect(result.pullRequests).toBe(merges + squashes);
    const prs = (await records(rt)).pullRequests.filter((p) => p.repository === "fourfold");
    expect(prs).toHaveLength(merges + squashes);
    for (const pr of prs) expect(Number(pr.first_commit_at)).toBeLessThanOrEqual(Number(pr.merged_at));
  });
});
