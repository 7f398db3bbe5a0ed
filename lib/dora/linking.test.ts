import { describe, expect, it } from "vitest";
import { linkIncidentDeployments } from "./linking";
import {
  isProduction,
  linkPullRequestBuilds,
  linkPullRequestDeployments,
  linkPullRequestWorkItems,
  linkWorkItemAssociations,
} from "./linking";
import { at, build, dep, incident, pr, workItem } from "./test-factories";

const MERGED = "2026-01-05T12:00:00Z";
const merged = (extra: Parameters<typeof pr>[1] = {}) =>
  pr("p1", { mergedAt: at(MERGED), mergeCommitSha: "abc", ...extra });
const linkedAt = (p: ReturnType<typeof pr>, deps: ReturnType<typeof dep>[]) => {
  const t = linkPullRequestDeployments([p], deps)[0]!;
  return Number.isNaN(t) ? null : new Date(t).toISOString();
};

describe("isProduction", () => {
  it.each([
    ["production", true],
    ["PROD", true],
    ["Production", true],
    ["staging", false],
    ["prod-eu", false],
  ])("%s → %s", (env, expected) => expect(isProduction(env)).toBe(expected));
});

describe("PR → deployment", () => {
  it.each([
    ["(a) lists the PR id", [dep("d", "2026-01-06T00:00:00Z", { pullRequestIds: ["p1"] })], "2026-01-06T00:00:00.000Z"],
    [
      "(b) lists the merge sha",
      [dep("d", "2026-01-06T00:00:00Z", { commitShas: ["abc"] })],
      "2026-01-06T00:00:00.000Z",
    ],
    [
      "(c) lists neither, same repository, after merge",
      [dep("d", "2026-01-06T00:00:00Z", { repository: "repo" })],
      "2026-01-06T00:00:00.000Z",
    ],
    ["(c) exactly at mergedAt", [dep("d", MERGED, { repository: "repo" })], "2026-01-05T12:00:00.000Z"],
    ["(c) one ms before the merge does not link", [dep("d", "2026-01-05T11:59:59.999Z", { repository: "repo" })], null],
    ["(c) another repository does not link", [dep("d", "2026-01-06T00:00:00Z", { repository: "other" })], null],
    ["(c) no repository does not link", [dep("d", "2026-01-06T00:00:00Z")], null],
    [
      "a list naming other PRs blocks rule (c)",
      [dep("d", "2026-01-06T00:00:00Z", { repository: "repo", pullRequestIds: ["p9"] })],
      null,
    ],
    [
      "a list naming other shas blocks rule (c)",
      [dep("d", "2026-01-06T00:00:00Z", { repository: "repo", commitShas: ["zzz"] })],
      null,
    ],
    [
      "(a) before the merge still links (spec read literally)",
      [dep("d", "2026-01-04T00:00:00Z", { pullRequestIds: ["p1"] })],
      "2026-01-04T00:00:00.000Z",
    ],
    [
      "(b) in another repository still links",
      [dep("d", "2026-01-06T00:00:00Z", { commitShas: ["abc"], repository: "other" })],
      "2026-01-06T00:00:00.000Z",
    ],
    [
      "(a) of another team links",
      [dep("d", "2026-01-06T00:00:00Z", { pullRequestIds: ["p1"], teamId: "elsewhere" })],
      "2026-01-06T00:00:00.000Z",
    ],
    [
      "a failed deployment does not link",
      [dep("d", "2026-01-06T00:00:00Z", { pullRequestIds: ["p1"], status: "failure" })],
      null,
    ],
    [
      "a staging deployment does not link",
      [dep("d", "2026-01-06T00:00:00Z", { pullRequestIds: ["p1"], environment: "staging" })],
      null,
    ],
    [
      "PROD in upper case links",
      [dep("d", "2026-01-06T00:00:00Z", { pullRequestIds: ["p1"], environment: "PROD" })],
      "2026-01-06T00:00:00.000Z",
    ],
    [
      "the earliest-finishing of all rules wins",
      [
        dep("d1", "2026-01-09T00:00:00Z", { pullRequestIds: ["p1"] }),
        dep("d2", "2026-01-08T00:00:00Z", { commitShas: ["abc"] }),
        dep("d3", "2026-01-07T00:00:00Z", { repository: "repo" }),
        dep("d4", "2026-01-10T00:00:00Z", { repository: "repo" }),
      ],
      "2026-01-07T00:00:00.000Z",
    ],
    [
      "(a) earlier than (c)",
      [
        dep("d1", "2026-01-06T00:00:00Z", { pullRequestIds: ["p1"] }),
        dep("d3", "2026-01-07T00:00:00Z", { repository: "repo" }),
      ],
      "2026-01-06T00:00:00.000Z",
    ],
  ])("%s", (_name, deps, expected) => {
    expect(linkedAt(merged(), deps)).toBe(expected);
  });

  it("an unmerged PR never links", () => {
    expect(
      linkedAt(merged({ mergedAt: null }), [dep("d", "2026-01-06T00:00:00Z", { pullRequestIds: ["p1"] })]),
    ).toBeNull();
  });

  it("a PR without a merge sha links by id or repository only", () => {
    const p = merged({ mergeCommitSha: null });
    expect(linkedAt(p, [dep("d", "2026-01-06T00:00:00Z", { commitShas: ["abc"] })])).toBeNull();
    expect(linkedAt(p, [dep("d", "2026-01-06T00:00:00Z", { repository: "repo" })])).toBe("2026-01-06T00:00:00.000Z");
  });
});

describe("PR → build", () => {
  const builtAt = (builds: ReturnType<typeof build>[], p = merged()) => {
    const t = linkPullRequestBuilds([p], builds)[0]!;
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  };
  it.each([
    [
      "the earliest successful build of the sha",
      [build("b2", "abc", "2026-01-06T00:00:00Z"), build("b1", "abc", "2026-01-05T13:00:00Z")],
      "2026-01-05T13:00:00.000Z",
    ],
    ["failed builds are ignored", [build("b1", "abc", "2026-01-05T13:00:00Z", { status: "failure" })], null],
    ["another repository is ignored", [build("b1", "abc", "2026-01-05T13:00:00Z", { repository: "other" })], null],
    ["another sha is ignored", [build("b1", "abd", "2026-01-05T13:00:00Z")], null],
  ])("%s", (_name, builds, expected) => {
    expect(builtAt(builds)).toBe(expected);
  });
  it("one sha in two repositories: each PR gets its own repository's build", () => {
    const prs = [
      merged(),
      pr("p2", { mergedAt: at(MERGED), mergeCommitSha: "abc", repository: "fork" }),
      pr("p3", { mergedAt: at(MERGED), mergeCommitSha: "abc", repository: "third" }),
    ];
    const builds = [
      build("b1", "abc", "2026-01-07T00:00:00Z"),
      build("b2", "abc", "2026-01-06T00:00:00Z", { repository: "fork" }),
      build("b3", "abc", "2026-01-05T00:00:00Z", { repository: "elsewhere" }),
    ];
    expect(Array.from(linkPullRequestBuilds(prs, builds))).toEqual([
      at("2026-01-07T00:00:00Z"),
      at("2026-01-06T00:00:00Z"),
      Number.NaN,
    ]);
  });
  it("no merge sha, no build", () => {
    expect(builtAt([build("b1", "abc", "2026-01-05T13:00:00Z")], merged({ mergeCommitSha: null }))).toBeNull();
  });
});

describe("incident → deployment", () => {
  const OPENED = "2026-01-10T00:00:00Z";
  const linked = (deps: ReturnType<typeof dep>[], extra: Parameters<typeof incident>[2] = {}) => {
    const i = linkIncidentDeployments([incident("i", OPENED, extra)], deps)[0]!;
    return i < 0 ? null : deps[i]!.id;
  };
  it.each([
    ["exactly 7 days before opening links", [dep("d", "2026-01-03T00:00:00Z")], {}, "d"],
    ["7 days and 1 ms before does not", [dep("d", "2026-01-02T23:59:59.999Z")], {}, null],
    ["exactly at opening links", [dep("d", OPENED)], {}, "d"],
    ["1 ms after opening does not", [dep("d", "2026-01-10T00:00:00.001Z")], {}, null],
    [
      "the latest-finishing in the window wins",
      [dep("d1", "2026-01-05T00:00:00Z"), dep("d2", "2026-01-09T00:00:00Z"), dep("d3", "2026-01-11T00:00:00Z")],
      {},
      "d2",
    ],
    ["another team's deployment does not link", [dep("d", "2026-01-09T00:00:00Z", { teamId: "x" })], {}, null],
    ["a failed deployment does not link", [dep("d", "2026-01-09T00:00:00Z", { status: "failure" })], {}, null],
    ["a non-production deployment does not link", [dep("d", "2026-01-09T00:00:00Z", { environment: "qa" })], {}, null],
    [
      "with a service, only that service's deployments",
      [dep("d1", "2026-01-08T00:00:00Z", { service: "api" }), dep("d2", "2026-01-09T00:00:00Z", { service: "web" })],
      { service: "api" },
      "d1",
    ],
    [
      "with a service, a deployment without one does not link",
      [dep("d", "2026-01-09T00:00:00Z")],
      { service: "api" },
      null,
    ],
    [
      "without a service, any service's deployment links",
      [dep("d", "2026-01-09T00:00:00Z", { service: "web" })],
      {},
      "d",
    ],
    [
      "deploymentId wins over the window",
      [dep("d1", "2025-01-01T00:00:00Z", { status: "failure", teamId: "x" }), dep("d2", "2026-01-09T00:00:00Z")],
      { deploymentId: "d1" },
      "d1",
    ],
    [
      "an unknown deploymentId falls back to the window",
      [dep("d2", "2026-01-09T00:00:00Z")],
      { deploymentId: "gone" },
      "d2",
    ],
    [
      "ties in finishedAt: the greatest id",
      [dep("b", "2026-01-09T00:00:00Z"), dep("a", "2026-01-09T00:00:00Z")],
      {},
      "b",
    ],
  ] as const)("%s", (_name, deps, extra, expected) => {
    expect(linked([...deps], extra)).toBe(expected);
  });
});

describe("PR → work item and work item → PRs", () => {
  const items = [workItem("w1", "2026-01-01T00:00:00Z", { teamId: "x" }), workItem("w2", "2026-01-02T00:00:00Z")];
  it("a PR's work item of any team gives t0; an unknown or absent one none", () => {
    const got = linkPullRequestWorkItems(
      [pr("a", { workItemId: "w1" }), pr("b", { workItemId: "gone" }), pr("c"), pr("d", { workItemId: "w1" })],
      items,
    );
    expect(Array.from(got)).toEqual([at("2026-01-01T00:00:00Z"), Number.NaN, Number.NaN, at("2026-01-01T00:00:00Z")]);
  });
  it("a work item is associated when any PR, merged or not, names it", () => {
    const got = linkWorkItemAssociations(items, [pr("a", { workItemId: "w2", mergedAt: null, teamId: "other" })]);
    expect(Array.from(got)).toEqual([0, 1]);
  });
});
