import { Bag, mix32, Rng } from "./prng";
import type { BuildSim } from "./sim-builds";
import type { PrSim } from "./sim-prs";
import type { SquadPlan } from "./teams";
import { floorSecond, HOUR, MINUTE, nextWorkingTime } from "./time";
import { DAY_MS } from "@/lib/dora";

/**
 * A team's deployments in time order. Each ships the pull requests that became deployable before it
 * started: `shipOrder[lo..hi)`, PR indices sorted by when they became deployable. A failed
 * production deployment is retried, and the retry ships the same PRs and any that became ready since.
 */
export interface DeploySim {
  startedAt: number[];
  finishedAt: number[];
  production: boolean[];
  success: boolean[];
  lo: number[];
  hi: number[];
  shipOrder: number[];
}

export function simulateDeploys(plan: SquadPlan, prs: PrSim, builds: BuildSim): DeploySim {
  const rng = new Rng(mix32(plan.seed, 4));
  const p = plan.profile;
  const ready = builds.deployableAt;
  const shipOrder = ready
    .map((_, i) => i)
    .filter((i) => !Number.isNaN(ready[i]) && !prs.neverDeployed[i])
    .sort((a, b) => ready[a]! - ready[b]! || a - b);
  const sim: DeploySim = { startedAt: [], finishedAt: [], production: [], success: [], lo: [], hi: [], shipOrder };
  const interval = (p.releaseEveryDays * DAY_MS) / plan.scale;
  const duration = (minutes: number): number => Math.max(MINUTE, floorSecond(rng.logNormal(minutes, 0.4) * MINUTE));
  const failures = new Bag(rng, p.deployFailureRate);
  const phase = rng.next();
  let slot = 0;
  let head = 0;
  let earliest = plan.from;
  let retryAt = NaN;
  for (;;) {
    let start: number;
    if (!Number.isNaN(retryAt)) start = retryAt;
    else if (interval === 0) {
      if (head >= shipOrder.length) break;
      start = ready[shipOrder[head]!]! + rng.int(2, 10) * MINUTE;
    } else {
      // Releases sit on a fixed grid (jittered), so their number is window ÷ interval at any scale.
      const planned = plan.from + (slot++ + phase + 0.4 * (rng.next() - 0.5)) * interval;
      start = nextWorkingTime(Math.floor(planned / DAY_MS) * DAY_MS, rng);
    }
    retryAt = NaN;
    start = outOfFreeze(plan, Math.max(start, earliest), rng);
    let hi = head;
    while (hi < shipOrder.length && ready[shipOrder[hi]!]! <= start) hi++;
    if (hi === head) {
      if (start >= plan.to) break;
      continue;
    }
    if (plan.staging) {
      const stagedAt = start + duration(p.deployMinutes / 2);
      record(sim, plan.to, start, stagedAt, false, true, head, hi);
      start = stagedAt + rng.int(5, 30) * MINUTE;
    }
    const finished = start + duration(p.deployMinutes);
    const success = !failures.next();
    if (!record(sim, plan.to, start, finished, true, success, head, hi)) break;
    earliest = finished + MINUTE;
    if (success) head = hi;
    else retryAt = finished + floorSecond(rng.logNormal(p.retryHours, 0.5) * HOUR);
  }
  return sim;
}

function outOfFreeze(plan: SquadPlan, t: number, rng: Rng): number {
  for (const [from, to] of plan.freezes) if (t >= from && t < to) return nextWorkingTime(to, rng);
  return t;
}

function record(
  sim: DeploySim,
  to: number,
  start: number,
  finished: number,
  production: boolean,
  success: boolean,
  lo: number,
  hi: number,
): boolean {
  if (finished >= to) return false;
  sim.startedAt.push(start);
  sim.finishedAt.push(finished);
  sim.production.push(production);
  sim.success.push(success);
  sim.lo.push(lo);
  sim.hi.push(hi);
  return true;
}
