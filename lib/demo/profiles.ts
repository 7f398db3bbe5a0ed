import type { ProfileName } from "./types";

// Delivery habits per performance level, tuned so each level's figures land in its band of the
// default benchmark set (spec §4.9): lead time, deployment frequency, failure rate, restore time.

export interface Profile {
  /** Multiplies the organisation's base pull-request rate. */
  prRateFactor: number;
  /** Medians in hours of the lead time stages, each drawn log-normally with `sigma`. */
  planningHours: number;
  codingHours: number;
  reviewHours: number;
  sigma: number;
  buildMinutes: number;
  buildFailureRate: number;
  /** `0`: deploy continuously after each build; else a release roughly every N days. */
  releaseEveryDays: number;
  deployMinutes: number;
  deployFailureRate: number;
  /** Hours until a failed deployment is retried. */
  retryHours: number;
  /** Chance that a successful production deployment causes an incident. */
  incidentRate: number;
  /** Mean hours from the deployment to the incident being opened. */
  incidentDelayHours: number;
  restoreHours: number;
  restoreSigma: number;
}

export const PROFILES: Record<ProfileName, Profile> = {
  elite: {
    prRateFactor: 2.5,
    planningHours: 2,
    codingHours: 2.5,
    reviewHours: 1.5,
    sigma: 0.8,
    buildMinutes: 8,
    buildFailureRate: 0.06,
    releaseEveryDays: 0,
    deployMinutes: 8,
    deployFailureRate: 0.03,
    retryHours: 0.3,
    incidentRate: 0.05,
    incidentDelayHours: 2,
    restoreHours: 0.33,
    restoreSigma: 0.5,
  },
  high: {
    prRateFactor: 1.3,
    planningHours: 18,
    codingHours: 14,
    reviewHours: 8,
    sigma: 0.8,
    buildMinutes: 15,
    buildFailureRate: 0.1,
    releaseEveryDays: 2,
    deployMinutes: 20,
    deployFailureRate: 0.08,
    retryHours: 2,
    incidentRate: 0.15,
    incidentDelayHours: 8,
    restoreHours: 4,
    restoreSigma: 0.7,
  },
  medium: {
    prRateFactor: 1,
    planningHours: 72,
    codingHours: 48,
    reviewHours: 24,
    sigma: 0.8,
    buildMinutes: 25,
    buildFailureRate: 0.12,
    releaseEveryDays: 10,
    deployMinutes: 45,
    deployFailureRate: 0.14,
    retryHours: 8,
    incidentRate: 0.3,
    incidentDelayHours: 20,
    restoreHours: 48,
    restoreSigma: 0.6,
  },
  low: {
    prRateFactor: 0.7,
    planningHours: 192,
    codingHours: 120,
    reviewHours: 72,
    sigma: 0.8,
    buildMinutes: 45,
    buildFailureRate: 0.18,
    releaseEveryDays: 40,
    deployMinutes: 120,
    deployFailureRate: 0.3,
    retryHours: 30,
    incidentRate: 0.45,
    incidentDelayHours: 30,
    restoreHours: 336,
    restoreSigma: 0.5,
  },
};
