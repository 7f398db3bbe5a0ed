import { mix32, Rng } from "./prng";
import type { PrSim } from "./sim-prs";
import type { SquadPlan } from "./teams";
import { floorSecond, MINUTE } from "./time";

const BUILT_SHARE = 0.95;

/** Builds on the merge commits of a team's pull requests, and when each PR became deployable. */
export interface BuildSim {
  pr: number[];
  startedAt: number[];
  finishedAt: number[];
  success: boolean[];
  /** Per pull request: its successful build's end (or merge, if unbuilt); NaN if it cannot ship. */
  deployableAt: number[];
}

export function simulateBuilds(plan: SquadPlan, prs: PrSim): BuildSim {
  const rng = new Rng(mix32(plan.seed, 3));
  const p = plan.profile;
  const sim: BuildSim = { pr: [], startedAt: [], finishedAt: [], success: [], deployableAt: [] };
  const duration = (): number => Math.max(MINUTE, floorSecond(rng.logNormal(p.buildMinutes, 0.4) * MINUTE));
  for (let i = 0; i < prs.mergedAt.length; i++) {
    const merged = prs.mergedAt[i]!;
    let ready = NaN;
    if (!Number.isNaN(merged)) {
      if (!rng.chance(BUILT_SHARE)) ready = merged;
      else {
        let start = merged + rng.int(1, 5) * MINUTE;
        if (rng.chance(p.buildFailureRate)) {
          const failedAt = start + duration();
          push(sim, plan.to, i, start, failedAt, false);
          start = failedAt + rng.int(5, 40) * MINUTE;
        }
        const finished = start + duration();
        if (push(sim, plan.to, i, start, finished, true)) ready = finished;
      }
    }
    sim.deployableAt.push(ready);
  }
  return sim;
}

function push(sim: BuildSim, to: number, pr: number, start: number, finished: number, success: boolean): boolean {
  if (finished >= to) return false;
  sim.pr.push(pr);
  sim.startedAt.push(start);
  sim.finishedAt.push(finished);
  sim.success.push(success);
  return true;
}
