import { generateOrg, type OrgData } from "./generate-org";
import type { OrgOptions, TeamSpec, TreeSpec } from "./types";

// The organisation loaded on first start. Its spread of teams exercises every rating level, every
// linking rule of spec §4.3, and gaps in the data.

export const DEMO_ORG_IDENTIFIER = "demo";
export const DEMO_PROJECT_IDENTIFIER = "fourfold";

const squad = (id: string, name: string, spec: Omit<TeamSpec, "id" | "name">): TeamSpec => ({ id, name, ...spec });

const ENGINEERING: TreeSpec = {
  name: "Engineering",
  root: {
    id: "eng",
    name: "Engineering",
    children: [
      {
        id: "eng-payments",
        name: "Payments",
        children: [
          squad("eng-payments-checkout", "Checkout", {
            profile: "elite",
            linking: "pullRequestIds",
            staging: true,
            key: "CHK",
          }),
          squad("eng-payments-billing", "Billing", { profile: "high", linking: "commitShas", key: "BIL" }),
          squad("eng-payments-fraud", "Fraud Detection", { profile: "medium", linking: "repository", key: "FRD" }),
        ],
      },
      {
        id: "eng-growth",
        name: "Growth",
        children: [
          squad("eng-growth-search", "Search", { profile: "elite", linking: "commitShas", key: "SRCH" }),
          squad("eng-growth-onboarding", "Onboarding", {
            profile: "medium",
            linking: "pullRequestIds",
            staging: true,
            key: "ONB",
          }),
          squad("eng-growth-notifications", "Notifications", {
            profile: "high",
            linking: "pullRequestIds",
            startMonthsAgo: 5,
            key: "NOTI",
          }),
        ],
      },
      {
        id: "eng-mobile",
        name: "Mobile",
        children: [
          squad("eng-mobile-ios", "iOS App", {
            profile: "medium",
            linking: "pullRequestIds",
            staging: true,
            key: "IOS",
          }),
          squad("eng-mobile-android", "Android App", { profile: "low", linking: "commitShas", key: "AND" }),
        ],
      },
    ],
  },
};

const PLATFORM: TreeSpec = {
  name: "Platform",
  root: {
    id: "plat",
    name: "Platform",
    children: [
      {
        id: "plat-infra",
        name: "Infrastructure",
        children: [
          squad("plat-infra-compute", "Compute", {
            profile: "medium",
            linking: "commitShas",
            freezes: [{ fromMonthsAgo: 9, months: 2 }],
            key: "CMP",
          }),
          squad("plat-infra-networking", "Networking", { profile: "low", linking: "repository", key: "NET" }),
          squad("plat-infra-storage", "Storage", {
            profile: "high",
            linking: "pullRequestIds",
            staging: true,
            key: "STO",
          }),
        ],
      },
      {
        id: "plat-data",
        name: "Data",
        children: [
          squad("plat-data-pipelines", "Pipelines", { profile: "low", linking: "pullRequestIds", key: "PIPE" }),
          squad("plat-data-analytics", "Analytics", {
            profile: "high",
            linking: "commitShas",
            startMonthsAgo: 8,
            key: "ANL",
          }),
        ],
      },
      {
        id: "plat-devex",
        name: "Developer Experience",
        children: [
          squad("plat-devex-ci", "CI/CD", { profile: "elite", linking: "pullRequestIds", key: "CI" }),
          squad("plat-devex-tooling", "Tooling", { profile: "medium", linking: "repository", key: "TOOL" }),
        ],
      },
    ],
  },
};

export const DEMO_ORG: Omit<OrgOptions, "end"> = {
  seed: 20_240_601,
  months: 18,
  trees: [ENGINEERING, PLATFORM],
  prsPerTeamPerWeek: 6,
  repositoryOwner: "acme",
};

/** The demo organisation with data up to `end` (exclusive), by default the start of today UTC. */
export function demoOrg(end: Date = startOfTodayUtc()): OrgData {
  return generateOrg({ ...DEMO_ORG, end });
}

export function startOfTodayUtc(now: Date = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
