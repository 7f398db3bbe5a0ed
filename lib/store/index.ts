// The SQLite store (Kysely over better-sqlite3): opening it (migrations run at start-up), its
// schema's types, and the links between stored records. Server only.
export { openStore, storeFile, writeTransaction, type Store } from "./db";
export {
  deploymentReach,
  lowerDeployTimes,
  LINK_OF,
  linkDeployments,
  relinkPullRequests,
  relinkWorkItems,
  storedRows,
  unlinkDeployments,
  type PrLink,
} from "./record-links";
export type { AnnotationsTable, DB, ExportJobsTable, ExportRegistryTable } from "./schema";
export { isSharedStore, lockInTransaction, sharedSecret, withStoreLock } from "./shared";
export { pruneShared, takeShared } from "./shared-limit";
