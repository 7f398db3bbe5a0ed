import { mix32, Rng } from "./prng";
import type { SquadPlan } from "./teams";
import { arrivals, floorSecond, HOUR, MINUTE, weekdayBias } from "./time";

const LINKED_SHARE = 0.85;
const SAME_WORK_ITEM = 0.3;
const ABANDONED = 0.05;
const NEVER_DEPLOYED = 0.1;

/** A team's pull requests, in order of first commit, with the work items they are linked to. */
export interface PrSim {
  firstCommitAt: number[];
  openedAt: number[];
  /** NaN: not merged (abandoned, or still open at the end). */
  mergedAt: number[];
  /** In the tools repository, which is never deployed. */
  neverDeployed: boolean[];
  /** Index into the linked work items below, or -1. */
  workItem: number[];
  wiCreatedAt: number[];
}

export function simulatePrs(plan: SquadPlan): PrSim {
  const rng = new Rng(mix32(plan.seed, 1));
  const p = plan.profile;
  const sim: PrSim = {
    firstCommitAt: [],
    openedAt: [],
    mergedAt: [],
    neverDeployed: [],
    workItem: [],
    wiCreatedAt: [],
  };
  for (const fc of arrivals(rng, plan.from, plan.to, plan.prsPerWeek * plan.scale)) {
    const opened = weekdayBias(
      fc + Math.max(2 * MINUTE, floorSecond(rng.logNormal(p.codingHours, p.sigma) * HOUR)),
      rng,
    );
    const merged = weekdayBias(
      opened + Math.max(2 * MINUTE, floorSecond(rng.logNormal(p.reviewHours, p.sigma) * HOUR)),
      rng,
    );
    const abandoned = rng.chance(ABANDONED);
    const neverDeployed = rng.chance(NEVER_DEPLOYED);
    const workItem = linkWorkItem(sim, rng, fc, plan.from, p.planningHours, p.sigma);
    if (opened >= plan.to) continue;
    sim.firstCommitAt.push(fc);
    sim.openedAt.push(opened);
    sim.mergedAt.push(abandoned || merged >= plan.to ? NaN : merged);
    sim.neverDeployed.push(neverDeployed);
    sim.workItem.push(workItem);
  }
  return sim;
}

function linkWorkItem(sim: PrSim, rng: Rng, fc: number, from: number, planningHours: number, sigma: number): number {
  if (!rng.chance(LINKED_SHARE)) return -1;
  const previous = sim.wiCreatedAt.length - 1;
  if (previous >= 0 && rng.chance(SAME_WORK_ITEM)) return previous;
  const created = Math.max(from, fc - Math.max(MINUTE, floorSecond(rng.logNormal(planningHours, sigma) * HOUR)));
  if (created >= fc) return -1;
  sim.wiCreatedAt.push(created);
  return sim.wiCreatedAt.length - 1;
}
