import { Bag, mix32, Rng } from "./prng";
import type { DeploySim } from "./sim-deploys";
import type { SquadPlan } from "./teams";
import { floorSecond, HOUR, MINUTE } from "./time";
import { DAY_MS } from "@/lib/dora";

const EXPLICIT_DEPLOYMENT = 0.25;
const NAMES_SERVICE = 0.15;
const NEVER_RESOLVED = 0.04;
/** Incidents open within the 7-day attribution window of spec §4.5 (most much sooner). */
const MAX_DELAY = 6.5 * DAY_MS;

/** A team's incidents in order of opening; each follows the successful production deployment `deployment`. */
export interface IncidentSim {
  openedAt: number[];
  /** NaN: unresolved. */
  resolvedAt: number[];
  deployment: number[];
  explicit: boolean[];
  namesService: boolean[];
}

export function simulateIncidents(plan: SquadPlan, deploys: DeploySim): IncidentSim {
  const rng = new Rng(mix32(plan.seed, 5));
  const p = plan.profile;
  const causes = new Bag(rng, p.incidentRate);
  const rows: { opened: number; resolved: number; deployment: number; explicit: boolean; service: boolean }[] = [];
  for (let d = 0; d < deploys.finishedAt.length; d++) {
    if (!deploys.production[d] || !deploys.success[d] || !causes.next()) continue;
    const delay = Math.min(MAX_DELAY, rng.exponential(p.incidentDelayHours * HOUR));
    const opened = floorSecond(deploys.finishedAt[d]! + MINUTE + delay);
    const restore = Math.max(MINUTE, floorSecond(rng.logNormal(p.restoreHours, p.restoreSigma) * HOUR));
    const resolved = rng.chance(NEVER_RESOLVED) ? NaN : opened + restore;
    const explicit = rng.chance(EXPLICIT_DEPLOYMENT);
    const service = rng.chance(NAMES_SERVICE);
    if (opened >= plan.to) continue;
    rows.push({ opened, resolved: resolved < plan.to ? resolved : NaN, deployment: d, explicit, service });
  }
  rows.sort((a, b) => a.opened - b.opened || a.deployment - b.deployment);
  return {
    openedAt: rows.map((r) => r.opened),
    resolvedAt: rows.map((r) => r.resolved),
    deployment: rows.map((r) => r.deployment),
    explicit: rows.map((r) => r.explicit),
    namesService: rows.map((r) => r.service),
  };
}
