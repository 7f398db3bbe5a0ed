import { describe, expect, it } from "vitest";
import { DEMO_ORG, demoOrg } from "./demo-org";
import type { OrgData } from "./generate-org";
import type { ProfileName, TeamSpec } from "./types";

// Checks the demo's spread with a simplified reading of spec §4.3–4.6 over each team's whole span.

const DAY = 86_400_000;
const t = (iso: string): number => Date.parse(iso);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

interface Figures {
  lttcDays: number;
  dfPerDay: number;
  cfrPercent: number;
  mttrDays: number;
}

function figuresByTeam(org: OrgData): Map<string, Figures> {
  const deps = [...org.items("deployments")].filter((d) => d.environment === "production");
  const ok = deps.filter((d) => d.status === "success").sort((a, b) => t(a.finishedAt) - t(b.finishedAt));
  const builds = new Map<string, number>();
  for (const b of org.items("builds"))
    if (b.status === "success" && !builds.has(b.commitSha)) builds.set(b.commitSha, t(b.finishedAt));
  const wis = new Map([...org.items("work-items")].map((w) => [w.id, t(w.createdAt)]));
  const lead = new Map<string, number[]>();
  for (const pr of org.items("pull-requests")) {
    if (!pr.mergedAt || !pr.mergeCommitSha) continue;
    const merged = t(pr.mergedAt);
    const dep = ok.find((d) =>
      d.pullRequestIds || d.commitShas
        ? d.pullRequestIds?.includes(pr.id) || d.commitShas?.includes(pr.mergeCommitSha!)
        : d.repository === pr.repository && t(d.finishedAt) >= merged,
    );
    if (!dep) continue;
    const t0 = pr.workItemId ? wis.get(pr.workItemId)! : t(pr.firstCommitAt);
    const t5 = Math.max(t(dep.finishedAt), merged, builds.get(pr.mergeCommitSha) ?? 0);
    (lead.get(pr.teamId) ?? lead.set(pr.teamId, []).get(pr.teamId)!).push((t5 - t0) / DAY);
  }
  const failed = new Set(deps.filter((d) => d.status === "failure").map((d) => d.id));
  const restore = new Map<string, number[]>();
  for (const inc of org.items("incidents")) {
    const opened = t(inc.openedAt);
    const cause =
      inc.deploymentId ??
      ok.findLast(
        (d) =>
          d.teamId === inc.teamId &&
          t(d.finishedAt) <= opened &&
          t(d.finishedAt) >= opened - 7 * DAY &&
          (!inc.service || d.service === inc.service),
      )?.id;
    if (cause) failed.add(cause);
    if (inc.resolvedAt)
      (restore.get(inc.teamId) ?? restore.set(inc.teamId, []).get(inc.teamId)!).push(
        (t(inc.resolvedAt) - opened) / DAY,
      );
  }
  const out = new Map<string, Figures>();
  for (const spec of squads()) {
    const mine = deps.filter((d) => d.teamId === spec.id);
    const span = (org.end.getTime() - org.start.getTime()) / DAY;
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
