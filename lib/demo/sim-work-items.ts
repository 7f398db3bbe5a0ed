import { mix32, Rng } from "./prng";
import type { PrSim } from "./sim-prs";
import type { SquadPlan } from "./teams";
import { arrivals, floorSecond, HOUR, MINUTE } from "./time";

/** Work items with no pull request, relative to the pull-request rate. */
const STANDALONE_PER_PR = 0.12;

/** A team's work items in order of creation; NaN marks an absent time. */
export interface WiSim {
  createdAt: number[];
  startedAt: number[];
  resolvedAt: number[];
  /** Position (in the order above) of each work item linked from a pull request. */
  ordinalOfLinked: number[];
}

export function simulateWorkItems(plan: SquadPlan, prs: PrSim): WiSim {
  const rng = new Rng(mix32(plan.seed, 2));
  const p = plan.profile;
  const linked = prs.wiCreatedAt.length;
  const createdAt = prs.wiCreatedAt.slice();
  const startedAt = new Array<number>(linked).fill(NaN);
  const resolvedAt = new Array<number>(linked).fill(NaN);
  const open = new Array<boolean>(linked).fill(false);
  for (let i = 0; i < prs.firstCommitAt.length; i++) {
    const w = prs.workItem[i] ?? -1;
    if (w < 0) continue;
    if (Number.isNaN(startedAt[w]))
      startedAt[w] = Math.max(createdAt[w]!, prs.firstCommitAt[i]! - rng.int(0, 60) * MINUTE);
    const merged = prs.mergedAt[i]!;
    if (Number.isNaN(merged)) open[w] = true;
    else resolvedAt[w] = Math.max(resolvedAt[w]! || 0, merged);
  }
  for (let w = 0; w < linked; w++) {
    const done = !open[w] && !Number.isNaN(resolvedAt[w]);
    const resolved = done ? resolvedAt[w]! + floorSecond(rng.logNormal(2, 1) * HOUR) : NaN;
    resolvedAt[w] = resolved < plan.to ? resolved : NaN;
  }
  for (const created of arrivals(rng, plan.from, plan.to, plan.prsPerWeek * plan.scale * STANDALONE_PER_PR)) {
    const started = rng.chance(0.7) ? created + floorSecond(rng.logNormal(p.planningHours, p.sigma) * HOUR) : NaN;
    const resolved = rng.chance(0.75) ? started + floorSecond(rng.logNormal(p.codingHours, p.sigma) * HOUR) : NaN;
    createdAt.push(created);
    startedAt.push(started < plan.to ? started : NaN);
    resolvedAt.push(resolved < plan.to ? resolved : NaN);
  }
  return sortByCreation(createdAt, startedAt, resolvedAt, linked);
}

function sortByCreation(createdAt: number[], startedAt: number[], resolvedAt: number[], linked: number): WiSim {
  const order = createdAt.map((_, i) => i).sort((a, b) => createdAt[a]! - createdAt[b]! || a - b);
  const ordinalOfLinked = new Array<number>(linked);
  order.forEach((original, ordinal) => {
    if (original < linked) ordinalOfLinked[original] = ordinal;
  });
  return {
    createdAt: order.map((i) => createdAt[i]!),
    startedAt: order.map((i) => startedAt[i]!),
    resolvedAt: order.map((i) => resolvedAt[i]!),
    ordinalOfLinked,
  };
}
