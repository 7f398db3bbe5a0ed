import { describe, expect, it } from "vitest";
import { deploymentFailures, linkRecoveries } from "./recoveries";
import { dep, incident } from "./test-factories";
import type { Deployment, Incident } from "./types";

/** Each failed deployment's recovery id (or null), by id. */
function recoveries(deployments: Deployment[], incidents: Incident[] = []): Record<string, string | null> {
  const failed = deploymentFailures(deployments, incidents);
  const rec = linkRecoveries(deployments, failed);
  const out: Record<string, string | null> = {};
  deployments.forEach((d, i) => {
    if (failed[i] === 1) out[d.id] = rec[i]! >= 0 ? deployments[rec[i]!]!.id : null;
  });
  return out;
}

describe("failures (spec §4.5)", () => {
  it("status failure, or an incident's deployment; production only", () => {
    const deployments = [
      dep("ok", "2026-01-05T00:00:00Z"),
      dep("bad", "2026-01-06T00:00:00Z", { status: "failure" }),
      dep("hit", "2026-01-07T00:00:00Z"),
      dep("named", "2026-01-08T00:00:00Z"),
      dep("qa", "2026-01-08T00:00:00Z", { environment: "qa", status: "failure" }),
      dep("qa-named", "2026-01-08T00:00:00Z", { environment: "qa" }),
    ];
    const incidents = [
      incident("i1", "2026-01-07T10:00:00Z"),
      incident("i2", "2026-01-20T00:00:00Z", { deploymentId: "named", teamId: "other" }),
      incident("i3", "2026-01-20T00:00:00Z", { deploymentId: "qa-named" }),
    ];
    expect([...deploymentFailures(deployments, incidents)]).toEqual([0, 1, 1, 1, 0, 0]);
  });
});

describe("a failed deployment's recovery (spec §4.11)", () => {
  it.each<[string, Deployment[], Incident[], Record<string, string | null>]>([
    [
      "the next successful production deployment of the team",
      [dep("f", "2026-01-05T00:00:00Z", { status: "failure" }), dep("r", "2026-01-05T06:00:00Z")],
      [],
      { f: "r" },
    ],
    [
      "a failure followed by another failure: both recovered by the next success",
      [
        dep("f1", "2026-01-05T00:00:00Z", { status: "failure" }),
        dep("f2", "2026-01-05T01:00:00Z", { status: "failure" }),
        dep("r", "2026-01-05T02:00:00Z"),
      ],
      [],
      { f1: "r", f2: "r" },
    ],
    [
      "ties on finishedAt: the smaller id (byte order, so 'B' before 'a')",
      [
        dep("f", "2026-01-05T00:00:00Z", { status: "failure" }),
        dep("a", "2026-01-06T00:00:00Z"),
        dep("b", "2026-01-06T00:00:00Z"),
        dep("B", "2026-01-06T00:00:00Z"),
      ],
      [],
      { f: "B" },
    ],
    [
      "strictly after: a success finishing at the same instant is not the recovery",
      [
        dep("same", "2026-01-05T00:00:00Z"),
        dep("f", "2026-01-05T00:00:00Z", { status: "failure" }),
        dep("r", "2026-01-05T00:00:00.001Z"),
      ],
      [],
      { f: "r" },
    ],
    [
      "a candidate that is itself incident-linked is a failure, not a recovery; it is recovered too",
      [
        dep("f", "2026-01-05T00:00:00Z", { status: "failure" }),
        dep("hit", "2026-01-05T01:00:00Z"),
        dep("r", "2026-01-05T03:00:00Z"),
      ],
      [incident("i", "2026-01-05T02:00:00Z")],
      { f: "r", hit: "r" },
    ],
    [
      "a candidate named by another team's incident is a failure too",
      [
        dep("f", "2026-01-05T00:00:00Z", { status: "failure" }),
        dep("named", "2026-01-05T01:00:00Z"),
        dep("r", "2026-01-05T03:00:00Z"),
      ],
      [incident("i", "2026-01-09T00:00:00Z", { teamId: "x", deploymentId: "named" })],
      { f: "r", named: "r" },
    ],
    [
      "only the same team: a child team's deployment does not recover its parent's failure",
      [
        dep("f", "2026-01-05T00:00:00Z", { status: "failure", teamId: "parent" }),
        dep("child", "2026-01-05T01:00:00Z", { teamId: "child" }),
        dep("r", "2026-01-06T00:00:00Z", { teamId: "parent" }),
      ],
      [],
      { f: "r" },
    ],
    [
      "not recovered: no later success of the team",
      [
        dep("f", "2026-01-05T00:00:00Z", { status: "failure" }),
        dep("before", "2026-01-04T00:00:00Z"),
        dep("other", "2026-01-06T00:00:00Z", { teamId: "other" }),
      ],
      [],
      { f: null },
    ],
    [
      "staging and failed deployments never recover",
      [
        dep("f", "2026-01-05T00:00:00Z", { status: "failure" }),
        dep("stg", "2026-01-05T01:00:00Z", { environment: "staging" }),
        dep("f2", "2026-01-05T02:00:00Z", { status: "failure", environment: "PROD" }),
        dep("r", "2026-01-05T03:00:00Z", { environment: "Prod" }),
      ],
      [],
      { f: "r", f2: "r" },
    ],
    [
      "a service: only that service's deployments",
      [
        dep("f", "2026-01-05T00:00:00Z", { status: "failure", service: "api", repository: "repo-a" }),
        dep("web", "2026-01-05T01:00:00Z", { service: "web", repository: "repo-a" }),
        dep("none", "2026-01-05T02:00:00Z", { repository: "repo-a" }),
        dep("api", "2026-01-05T03:00:00Z", { service: "api", repository: "repo-b" }),
      ],
      [],
      { f: "api" },
    ],
    [
      "no service but a repository: only that repository's deployments, whatever their service",
      [
        dep("f", "2026-01-05T00:00:00Z", { status: "failure", repository: "repo-a" }),
        dep("b", "2026-01-05T01:00:00Z", { repository: "repo-b" }),
        dep("bare", "2026-01-05T02:00:00Z"),
        dep("a", "2026-01-05T03:00:00Z", { repository: "repo-a", service: "api" }),
      ],
      [],
      { f: "a" },
    ],
    [
      "neither: any of the team's",
      [
        dep("f", "2026-01-05T00:00:00Z", { status: "failure" }),
        dep("any", "2026-01-05T01:00:00Z", { repository: "repo-b", service: "web" }),
      ],
      [],
      { f: "any" },
    ],
  ])("%s", (_name, deployments, incidents, expected) => {
    expect(recoveries(deployments, incidents)).toEqual(expected);
  });
});
