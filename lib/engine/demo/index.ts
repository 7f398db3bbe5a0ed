// Deterministic demo and benchmark data for the engine, as ingestion API payload items (spec §2/§3).
export { BENCH_ORG, benchOrg, benchTree } from "./bench-org";
export { DEMO_ORG, DEMO_ORG_IDENTIFIER, DEMO_PROJECT_IDENTIFIER, demoOrg, startOfTodayUtc } from "./demo-org";
export { generateOrg, MAX_BATCH, type OrgData } from "./generate-org";
export { KINDS } from "./types";
export type {
  BuildItem,
  DeploymentItem,
  IncidentItem,
  Item,
  ItemOf,
  Kind,
  Linking,
  OrgOptions,
  ProfileName,
  PullRequestItem,
  TeamItem,
  TeamSpec,
  TreeSpec,
  WorkItemItem,
} from "./types";
