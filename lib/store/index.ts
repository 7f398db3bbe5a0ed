// The store (Kysely over better-sqlite3, or PostgreSQL through pg): opening it (migrations run at start-up), its
// schema's types, and the links between stored records. Server only.
export {
  checkpointWal,
  inSavepoint,
  openStore,
  storeFile,
  writeTransaction,
  type OpenOptions,
  type Part,
  type Store,
} from "./db";
export {
  asInteger,
  dialectOf,
  indexedBy,
  inJsonTexts,
  isPostgres,
  joinInOrder,
  jsonColumnTexts,
  jsonRows,
  jsonTexts,
  unindexed,
  type DialectName,
} from "./dialect";
export { analyzeWhenGrown, eachPostgresRow, isPostgresUrl, vacuumWhenGrown } from "./postgres";
export { migrateToLatest } from "./migrate";
export { copyStore, CopyRefused, nonEmptyTables, type CopyResult } from "./copy";
export {
  deploymentReach,
  lowerDeployTimes,
  prsMergedAt,
  linkOf,
  linkDeployments,
  relinkPullRequests,
  relinkWorkItems,
  markWorkItemsLinked,
  storedRows,
  unlinkDeployments,
  type PrLink,
} from "./record-links";
export type { AnnotationsTable, DB, ExportJobsTable, ExportRegistryTable } from "./schema";
export { lockInTransaction, sharedSecret, withStoreLock } from "./shared";
export { pruneShared, takeShared } from "./shared-limit";
