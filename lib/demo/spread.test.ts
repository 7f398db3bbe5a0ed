import { describe, expect, it } from "vitest";
import { newPopulation } from "@/lib/dora/figures/buckets";
import { LTTC_COLS, setStages } from "@/lib/dora/figures/populations";
import {
  isProduction,
  linkIncidentDeployments,
  linkPullRequestBuilds,
  linkPullRequestDeployments,
  linkPullRequestWorkItems,
} from "@/lib/dora/linking";
import type { Build, Deployment, Incident, PullRequest, Status, WorkItem } from "@/lib/dora/types";
import { DEMO_ORG, demoOrg } from "./demo-org";
import type { OrgData } from "./generate-org";
import type { ProfileName, TeamSpec } from "./types";
import { DAY_MS } from "@/lib/dora";

// Checks the demo's spread: each squad's figures over its whole span rate as its profile says.

const t = (iso: string): number => Date.parse(iso);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

interface Figures {
  lttcDays: number;
  dfPerDay: number;
  cfrPercent: number;
  mttrDays: number;
}

const ms = (iso: string | undefined | null): number | null => (iso ? t(iso) : null);

/** The demo's items as the domain's records (what ingestion stores). */
function dataset(org: OrgData) {
  const deployments: Deployment[] = [...org.items("deployments")].map((d) => ({
    id: d.id,
    teamId: d.teamId,
    environment: d.environment,
    status: d.status as Status,
    finishedAt: t(d.finishedAt),
    service: d.service ?? null,
    repository: d.repository ?? null,
    startedAt: ms(d.startedAt),
    pullRequestIds: d.pullRequestIds ?? [],
    commitShas: d.commitShas ?? [],
  }));
  const prs: PullRequest[] = [...org.items("pull-requests")].map((p) => ({
    id: p.id,
    teamId: p.teamId,
    repository: p.repository,
    firstCommitAt: t(p.firstCommitAt),
    openedAt: t(p.openedAt),
    mergedAt: ms(p.mergedAt),
    mergeCommitSha: p.mergeCommitSha ?? null,
    workItemId: p.workItemId ?? null,
  }));
  const builds: Build[] = [...org.items("builds")].map((b) => ({
    id: b.id,
    repository: b.repository,
    commitSha: b.commitSha,
    finishedAt: t(b.finishedAt),
    status: b.status as Status,
    startedAt: ms(b.startedAt),
  }));
  const workItems: WorkItem[] = [...org.items("work-items")].map((w) => ({
    id: w.id,
    teamId: w.teamId,
    createdAt: t(w.createdAt),
    key: w.key ?? null,
    startedAt: ms(w.startedAt),
    resolvedAt: ms(w.resolvedAt),
  }));
  const incidents: Incident[] = [...org.items("incidents")].map((i) => ({
    id: i.id,
    teamId: i.teamId,
    openedAt: t(i.openedAt),
    resolvedAt: ms(i.resolvedAt),
    service: i.service ?? null,
    deploymentId: i.deploymentId ?? null,
  }));
  return { deployments, prs, builds, workItems, incidents };
}

// Each squad's four figures over its whole span, linked by lib/dora's rules (spec §4.3–4.6).
function figuresByTeam(org: OrgData): Map<string, Figures> {
  const { deployments, prs, builds, workItems, incidents } = dataset(org);
  const deployedAt = linkPullRequestDeployments(prs, deployments);
  const builtAt = linkPullRequestBuilds(prs, builds);
  const createdAt = linkPullRequestWorkItems(prs, workItems);
  const pop = newPopulation(prs.length, 6);
  const lead = new Map<string, number[]>();
  prs.forEach((pr, i) => {
    if (!(deployedAt[i]! === deployedAt[i]!)) return;
    const t0 = createdAt[i]!;
    setStages(pop, 0, 0, {
      t0,
      t1: pr.firstCommitAt,
      t2: pr.openedAt,
      t3: pr.mergedAt!,
      t4: builtAt[i]!,
      t5: deployedAt[i]!,
    });
    (lead.get(pr.teamId) ?? lead.set(pr.teamId, []).get(pr.teamId)!).push(pop.cols[LTTC_COLS.LTTC]![0]!);
  });
  const failed = new Set(deployments.filter((d) => d.status === "failure").map((d) => d.id));
  for (const d of linkIncidentDeployments(incidents, deployments)) if (d >= 0) failed.add(deployments[d]!.id);
  const restore = new Map<string, number[]>();
  for (const inc of incidents) {
    if (inc.resolvedAt !== null)
      (restore.get(inc.teamId) ?? restore.set(inc.teamId, []).get(inc.teamId)!).push(
        (inc.resolvedAt - inc.openedAt) / DAY_MS,
      );
  }
  const production = deployments.filter((d) => isProduction(d.environment));
  const out = new Map<string, Figures>();
  for (const spec of squads()) {
    const mine = production.filter((d) => d.teamId === spec.id);
    const span = (org.end.getTime() - org.start.getTime()) / DAY_MS;
    const days = spec.startMonthsAgo ? (span * spec.startMonthsAgo) / DEMO_ORG.months : span;
    out.set(spec.id, {
      lttcDays: mean(lead.get(spec.id) ?? []),
      dfPerDay: mine.filter((d) => d.status === "success").length / days,
      cfrPercent: (100 * mine.filter((d) => failed.has(d.id)).length) / mine.length,
      mttrDays: mean(restore.get(spec.id) ?? []),
    });
  }
  return out;
}

function squads(): TeamSpec[] {
  const out: TeamSpec[] = [];
  const visit = (s: TeamSpec): void => {
    if (s.profile) out.push(s);
    s.children?.forEach(visit);
  };
  DEMO_ORG.trees.forEach((tree) => visit(tree.root));
  return out;
}

// The default benchmark set of spec §4.9.
const level = {
  lttc: (v: number): ProfileName => (v < 1 ? "elite" : v < 7 ? "high" : v < 30 ? "medium" : "low"),
  df: (v: number): ProfileName => (v >= 1 ? "elite" : v >= 1 / 7 ? "high" : v >= 1 / 30 ? "medium" : "low"),
  cfr: (v: number): ProfileName => (v < 15 ? "elite" : v < 30 ? "high" : v < 45 ? "medium" : "low"),
  mttr: (v: number): ProfileName => (v < 1 / 24 ? "elite" : v < 1 ? "high" : v < 7 ? "medium" : "low"),
};

// Two ends, because the data shifts with the end date (weekdays fall differently).
describe.each(["2026-03-01T00:00:00Z", "2025-11-17T00:00:00Z"])("demo organisation ending %s: spread", (end) => {
  const figures = figuresByTeam(demoOrg(new Date(end)));

  it.each(squads().map((s) => [s.id, s.profile!] as const))("%s rates %s on all four metrics", (id, profile) => {
    const f = figures.get(id)!;
    expect({
      lttc: level.lttc(f.lttcDays),
      df: level.df(f.dfPerDay),
      cfr: level.cfr(f.cfrPercent),
      mttr: level.mttr(f.mttrDays),
    }).toEqual({ lttc: profile, df: profile, cfr: profile, mttr: profile });
  });
});
