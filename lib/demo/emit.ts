import { fakeSha } from "./prng";
import { simulateBuilds } from "./sim-builds";
import { simulateDeploys } from "./sim-deploys";
import { simulateIncidents } from "./sim-incidents";
import { simulatePrs } from "./sim-prs";
import { simulateWorkItems } from "./sim-work-items";
import type { SquadPlan } from "./teams";
import { toIso } from "./time";
import type { BuildItem, DeploymentItem, IncidentItem, PullRequestItem, WorkItemItem } from "./types";

// Each kind re-runs only the simulation stages it depends on; every stage draws from its own
// seeded stream, so a kind's items are the same whichever kinds are generated and in which order.

const prId = (plan: SquadPlan, i: number): string => `pr-${plan.teamId}-${i + 1}`;
const deploymentId = (plan: SquadPlan, d: number): string => `dep-${plan.teamId}-${d + 1}`;

export function* workItems(plan: SquadPlan): Generator<WorkItemItem> {
  const wis = simulateWorkItems(plan, simulatePrs(plan));
  for (let w = 0; w < wis.createdAt.length; w++) {
    const item: WorkItemItem = {
      id: `wi-${plan.teamId}-${w + 1}`,
      teamId: plan.teamId,
      createdAt: toIso(wis.createdAt[w]!),
      key: `${plan.key}-${w + 1}`,
    };
    const started = wis.startedAt[w]!;
    if (!Number.isNaN(started)) item.startedAt = toIso(started);
    const resolved = wis.resolvedAt[w]!;
    if (!Number.isNaN(resolved)) item.resolvedAt = toIso(resolved);
    yield item;
  }
}

export function* pullRequests(plan: SquadPlan): Generator<PullRequestItem> {
  const prs = simulatePrs(plan);
  const wis = simulateWorkItems(plan, prs);
  for (let i = 0; i < prs.firstCommitAt.length; i++) {
    const item: PullRequestItem = {
      id: prId(plan, i),
      teamId: plan.teamId,
      repository: prs.neverDeployed[i] ? plan.toolsRepository : plan.repository,
      firstCommitAt: toIso(prs.firstCommitAt[i]!),
      openedAt: toIso(prs.openedAt[i]!),
    };
    const merged = prs.mergedAt[i]!;
    if (!Number.isNaN(merged)) {
      item.mergedAt = toIso(merged);
      item.mergeCommitSha = fakeSha(plan.seed, i);
    }
    const w = prs.workItem[i]!;
    if (w >= 0) item.workItemId = `wi-${plan.teamId}-${wis.ordinalOfLinked[w]! + 1}`;
    yield item;
  }
}

export function* builds(plan: SquadPlan): Generator<BuildItem> {
  const prs = simulatePrs(plan);
  const sim = simulateBuilds(plan, prs);
  for (let b = 0; b < sim.pr.length; b++) {
    const pr = sim.pr[b]!;
    yield {
      id: `bld-${plan.teamId}-${b + 1}`,
      repository: prs.neverDeployed[pr] ? plan.toolsRepository : plan.repository,
      commitSha: fakeSha(plan.seed, pr),
      finishedAt: toIso(sim.finishedAt[b]!),
      status: sim.success[b] ? "success" : "failure",
      startedAt: toIso(sim.startedAt[b]!),
    };
  }
}

export function* deployments(plan: SquadPlan): Generator<DeploymentItem> {
  const prs = simulatePrs(plan);
  const sim = simulateDeploys(plan, prs, simulateBuilds(plan, prs));
  for (let d = 0; d < sim.startedAt.length; d++) {
    const item: DeploymentItem = {
      id: deploymentId(plan, d),
      teamId: plan.teamId,
      environment: sim.production[d] ? "production" : "staging",
      status: sim.success[d] ? "success" : "failure",
      finishedAt: toIso(sim.finishedAt[d]!),
      service: plan.service,
      repository: plan.repository,
      startedAt: toIso(sim.startedAt[d]!),
    };
    const shipped = sim.shipOrder.slice(sim.lo[d], sim.hi[d]);
    if (plan.linking === "pullRequestIds") item.pullRequestIds = shipped.map((i) => prId(plan, i));
    if (plan.linking === "commitShas") item.commitShas = shipped.map((i) => fakeSha(plan.seed, i));
    yield item;
  }
}

export function* incidents(plan: SquadPlan): Generator<IncidentItem> {
  const prs = simulatePrs(plan);
  const sim = simulateIncidents(plan, simulateDeploys(plan, prs, simulateBuilds(plan, prs)));
  for (let k = 0; k < sim.openedAt.length; k++) {
    const item: IncidentItem = {
      id: `inc-${plan.teamId}-${k + 1}`,
      teamId: plan.teamId,
      openedAt: toIso(sim.openedAt[k]!),
    };
    const resolved = sim.resolvedAt[k]!;
    if (!Number.isNaN(resolved)) item.resolvedAt = toIso(resolved);
    if (sim.namesService[k]) item.service = plan.service;
    if (sim.explicit[k]) item.deploymentId = deploymentId(plan, sim.deployment[k]!);
    yield item;
  }
}
