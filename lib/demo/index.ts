// The demo organisation: deterministic data as ingestion API payload items (spec §2/§3), its
// generators (the benchmark builds its own organisation with them) and the seeding of a fresh store.
export { DEMO_SCOPE, clearProject, ingestOrg, projectIsEmpty, seedDemo } from "./seed";
export { Rng } from "./prng";
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
