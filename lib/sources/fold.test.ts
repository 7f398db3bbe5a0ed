import { describe, expect, it } from "vitest";
import type { Fact, FactData } from "./facts";
import { foldEntity } from "./fold";

const t = (iso: string) => Date.parse(iso);
const fact = (at: string, data: FactData, link: string | null = null): Fact => ({ entity: "e", link, at: t(at), data });

function permutations<T>(list: T[]): T[][] {
  if (list.length <= 1) return [list];
  return list.flatMap((x, i) => permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [x, ...rest]));
}

const pr = (at: string, over: Partial<Extract<FactData, { t: "pr" }>>): Fact =>
  fact(at, {
    t: "pr",
    id: "github:a/b#1",
    team: "web",
    repo: "a/b",
    state: "open",
    createdAt: t("2026-01-01T10:00:00Z"),
    updatedAt: t(at),
    closedAt: null,
    mergedAt: null,
    mergeSha: null,
    workItemId: null,
    ...over,
  });

describe("foldEntity", () => {
  it("a pull request's facts in every order give one record: merged stays merged, the earliest commit wins", () => {
    const facts = [
      pr("2026-01-01T10:00:00Z", {}),
      pr("2026-01-02T12:00:00Z", {
        state: "closed",
        mergedAt: t("2026-01-02T12:00:00Z"),
        closedAt: t("2026-01-02T12:00:00Z"),
        mergeSha: "abc",
      }),
      // A label added after the merge: a newer state that still says merged.
      pr("2026-01-03T09:00:00Z", {
        state: "closed",
        mergedAt: t("2026-01-02T12:00:00Z"),
        closedAt: t("2026-01-02T12:00:00Z"),
        mergeSha: "abc",
        workItemId: "jira:A-1",
      }),
      fact("1970-01-01T00:00:00Z", { t: "commits", first: t("2025-12-30T08:00:00Z") }),
    ];
    const pushes = [
      fact("2025-12-29T08:00:00Z", { t: "push", times: [t("2025-12-29T08:00:00Z"), t("2026-01-05T00:00:00Z")] }),
    ];
    const results = permutations(facts).map((p) => foldEntity(p, pushes));
    for (const r of results) expect(r).toEqual(results[0]);
    expect(results[0]).toEqual([
      {
        kind: "pull-requests",
        item: {
          id: "github:a/b#1",
          teamId: "web",
          repository: "a/b",
          firstCommitAt: "2025-12-29T08:00:00.000Z",
          openedAt: "2026-01-01T10:00:00.000Z",
          mergedAt: "2026-01-02T12:00:00.000Z",
          mergeCommitSha: "abc",
          workItemId: "jira:A-1",
        },
      },
    ]);
  });

  it("a deployment: the last success or failure counts; a later inactive does not undo it", () => {
    const status = (at: string, state: string, statusId: number) =>
      fact(at, {
        t: "dstatus",
        id: "d",
        team: "web",
        repo: "a/b",
        environment: "production",
        state,
        statusId,
        deploymentCreatedAt: t("2026-01-01T09:00:00Z"),
      });
    const facts = [
      status("2026-01-01T10:00:00Z", "in_progress", 1),
      status("2026-01-01T10:05:00Z", "success", 2),
      status("2026-01-02T10:00:00Z", "inactive", 3),
    ];
    for (const p of permutations(facts))
      expect(foldEntity(p, [])).toEqual([
        {
          kind: "deployments",
          item: {
            id: "d",
            teamId: "web",
            environment: "production",
            status: "success",
            finishedAt: "2026-01-01T10:05:00.000Z",
            repository: "a/b",
            startedAt: "2026-01-01T10:00:00.000Z",
          },
        },
      ]);
    expect(foldEntity([facts[0]!], [])).toEqual([]);
  });

  it("a workflow run re-run still going keeps the last attempt's result; a cancelled run is no build", () => {
    const run = (at: string, status: string, conclusion: string | null, attempt: number) =>
      fact(at, {
        t: "run",
        id: "r",
        team: "web",
        repo: "a/b",
        as: "build",
        environment: "production",
        status,
        conclusion,
        attempt,
        startedAt: null,
        headSha: "abc",
      });
    const done = run("2026-01-01T10:00:00Z", "completed", "failure", 1);
    const rerun = run("2026-01-01T11:00:00Z", "in_progress", null, 2);
    expect(foldEntity([rerun, done], [])).toMatchObject([{ kind: "builds", item: { status: "failure" } }]);
    expect(foldEntity([done, rerun, run("2026-01-01T11:10:00Z", "completed", "success", 2)], [])).toMatchObject([
      { kind: "builds", item: { status: "success", finishedAt: "2026-01-01T11:10:00.000Z" } },
    ]);
    expect(foldEntity([run("2026-01-01T10:00:00Z", "completed", "cancelled", 1)], [])).toEqual([]);
  });

  it("an issue: the newest labels decide incident or work item; deleted is no record", () => {
    const issue = (at: string, incident: boolean, gone = false) =>
      fact(at, {
        t: "issue",
        id: "i",
        team: "web",
        key: "a/b#3",
        incident,
        state: "open",
        stateReason: null,
        createdAt: t("2026-01-01T10:00:00Z"),
        closedAt: null,
        gone,
      });
    expect(foldEntity([issue("2026-01-01T10:00:00Z", true), issue("2026-01-01T12:00:00Z", false)], [])).toMatchObject([
      { kind: "work-items" },
    ]);
    expect(foldEntity([issue("2026-01-01T12:00:00Z", true), issue("2026-01-01T10:00:00Z", false)], [])).toMatchObject([
      { kind: "incidents" },
    ]);
    expect(foldEntity([issue("2026-01-01T12:00:00Z", true), issue("2026-01-01T10:00:00Z", true, true)], [])).toEqual(
      [],
    );
  });
});
