import { describe, expect, it } from "vitest";
import { DEMO_ORG_IDENTIFIER, DEMO_PROJECT_IDENTIFIER, demoOrg, startOfTodayUtc } from "./demo-org";
import { isWeekendDay } from "./time";
import { DAY_MS } from "@/lib/dora";

const END = new Date("2026-03-01T00:00:00Z");
const t = (iso: string): number => Date.parse(iso);
const org = demoOrg(END);
const teams = [...org.items("teams")];
const workItems = [...org.items("work-items")];
const prs = [...org.items("pull-requests")];
const builds = [...org.items("builds")];
const deployments = [...org.items("deployments")];
const incidents = [...org.items("incidents")];
const share = (part: number, whole: number): number => part / whole;

describe("demo organisation: teams", () => {
  const byId = new Map(teams.map((team) => [team.id, team]));
  const depth = (id: string): number => {
    const parent = byId.get(id)!.parentId;
    return parent ? 1 + depth(parent) : 1;
  };

  it("has fixed identifiers", () => {
    expect([DEMO_ORG_IDENTIFIER, DEMO_PROJECT_IDENTIFIER]).toEqual(["demo", "fourfold"]);
  });

  it("has at least two trees and 15 teams, three levels deep", () => {
    expect(new Set(teams.map((team) => team.orgTree)).size).toBeGreaterThanOrEqual(2);
    expect(teams.length).toBeGreaterThanOrEqual(15);
    expect(Math.max(...teams.map((team) => depth(team.id)))).toBe(3);
    expect(byId.get("eng-payments-checkout")).toMatchObject({
      name: "Checkout",
      parentId: "eng-payments",
      orgTree: "Engineering",
    });
  });

  it("lists parents before children, within the parent's tree, with unique refIds", () => {
    const seen = new Set<string>();
    for (const team of teams) {
      if (team.parentId) {
        expect(seen.has(team.parentId)).toBe(true);
        expect(byId.get(team.parentId)!.orgTree).toBe(team.orgTree);
      }
      seen.add(team.id);
    }
    expect(new Set(teams.map((team) => team.refId)).size).toBe(teams.length);
  });

  it("every record's teamId names a team", () => {
    const ids = new Set(teams.map((team) => team.id));
    const orphans = [...workItems, ...prs, ...deployments, ...incidents].filter((r) => !ids.has(r.teamId));
    expect(orphans).toEqual([]);
  });
});

describe("demo organisation: time span and rhythm", () => {
  it("covers the 18 months before the end", () => {
    expect(org.start.toISOString()).toBe("2024-09-01T00:00:00.000Z");
    const created = workItems.map((w) => t(w.createdAt));
    expect(Math.min(...created) - org.start.getTime()).toBeLessThan(3 * DAY_MS);
    expect(END.getTime() - Math.max(...deployments.map((d) => t(d.finishedAt)))).toBeLessThan(3 * DAY_MS);
  });

  it("is weekday-heavy", () => {
    const weekend = prs.filter((pr) => isWeekendDay(Math.floor(t(pr.openedAt) / DAY_MS))).length;
    expect(share(weekend, prs.length)).toBeLessThan(0.12);
  });

  it("has a squad that started five months ago and a squad with a two-month freeze", () => {
    const firstPr = Math.min(
      ...prs.filter((pr) => pr.teamId === "eng-growth-notifications").map((pr) => t(pr.firstCommitAt)),
    );
    expect(firstPr).toBeGreaterThanOrEqual(t("2025-10-01T00:00:00Z"));
    const inFreeze = deployments.filter(
      (d) =>
        d.teamId === "plat-infra-compute" &&
        t(d.startedAt!) >= t("2025-06-01T00:00:00Z") &&
        t(d.finishedAt) < t("2025-08-01T00:00:00Z"),
    );
    expect(inFreeze).toEqual([]);
    expect(
      deployments.some((d) => d.teamId === "plat-infra-compute" && t(d.finishedAt) < t("2025-06-01T00:00:00Z")),
    ).toBe(true);
  });

  it("startOfTodayUtc is midnight UTC of the same day", () => {
    expect(startOfTodayUtc(new Date("2026-03-01T23:59:59Z")).toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });
});

describe("demo organisation: pull requests, work items and builds", () => {
  const merged = prs.filter((pr) => pr.mergedAt);
  const wiCreated = new Map(workItems.map((w) => [w.id, t(w.createdAt)]));

  it("orders each PR's times and gives merged PRs a merge sha", () => {
    const bad = prs.filter(
      (pr) => !(t(pr.firstCommitAt) < t(pr.openedAt) && (!pr.mergedAt || t(pr.openedAt) < t(pr.mergedAt))),
    );
    expect(bad).toEqual([]);
    expect(merged.every((pr) => /^[0-9a-f]{40}$/.test(pr.mergeCommitSha ?? ""))).toBe(true);
  });

  it("links about 85% of PRs to work items created before the first commit", () => {
    const linked = prs.filter((pr) => pr.workItemId);
    expect(share(linked.length, prs.length)).toBeGreaterThan(0.8);
    expect(share(linked.length, prs.length)).toBeLessThan(0.9);
    expect(linked.filter((pr) => !(wiCreated.get(pr.workItemId!)! < t(pr.firstCommitAt)))).toEqual([]);
  });

  it("leaves some PRs unmerged", () => {
    expect(share(prs.length - merged.length, prs.length)).toBeGreaterThan(0.03);
  });

  it("builds most merge commits, some after a failed first try", () => {
    const bySha = new Map<string, typeof builds>();
    for (const b of builds) bySha.set(b.commitSha, [...(bySha.get(b.commitSha) ?? []), b]);
    expect(
      share(
        merged.filter((pr) => bySha.get(pr.mergeCommitSha!)?.some((b) => b.status === "success")).length,
        merged.length,
      ),
    ).toBeGreaterThan(0.9);
    const retried = [...bySha.values()].filter(
      (bs) => bs[0]!.status === "failure" && bs[1]?.status === "success" && t(bs[0]!.finishedAt) < t(bs[1].startedAt!),
    );
    expect(retried.length).toBeGreaterThan(100);
  });
});

describe("demo organisation: deployments and incidents", () => {
  const production = deployments.filter((d) => d.environment === "production");
  const listed = new Set(deployments.flatMap((d) => [...(d.pullRequestIds ?? []), ...(d.commitShas ?? [])]));
  const repositoryRule = new Set(
    deployments.filter((d) => !d.pullRequestIds && !d.commitShas).map((d) => d.repository),
  );

  it("uses all three linking rules of spec §4.3", () => {
    expect(deployments.some((d) => d.pullRequestIds && d.pullRequestIds.length > 0)).toBe(true);
    expect(deployments.some((d) => d.commitShas && d.commitShas.length > 0)).toBe(true);
    expect(repositoryRule.size).toBeGreaterThanOrEqual(2);
  });

  it("deploys to production and staging, with some failures", () => {
    expect(deployments.some((d) => d.environment === "staging")).toBe(true);
    expect(share(production.filter((d) => d.status === "failure").length, production.length)).toBeGreaterThan(0.03);
  });

  it("never deploys about 10% of merged PRs", () => {
    const merged = prs.filter((pr) => pr.mergedAt);
    const deployed = merged.filter(
      (pr) => listed.has(pr.id) || listed.has(pr.mergeCommitSha!) || repositoryRule.has(pr.repository),
    );
    expect(share(merged.length - deployed.length, merged.length)).toBeGreaterThan(0.08);
    expect(share(merged.length - deployed.length, merged.length)).toBeLessThan(0.16);
  });

  it("has incidents with and without deploymentId, unresolved ones, and some naming a service", () => {
    const ids = new Set(production.filter((d) => d.status === "success").map((d) => d.id));
    const explicit = incidents.filter((i) => i.deploymentId);
    expect(explicit.every((i) => ids.has(i.deploymentId!))).toBe(true);
    expect(share(explicit.length, incidents.length)).toBeGreaterThan(0.1);
    expect(share(explicit.length, incidents.length)).toBeLessThan(0.5);
    expect(incidents.some((i) => !i.resolvedAt)).toBe(true);
    expect(incidents.some((i) => i.service)).toBe(true);
  });
});
