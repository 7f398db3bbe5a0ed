import type { Generated } from "kysely";

// Table types of the store. Each migration that adds a table adds its interface here.

export interface UsersTable {
  id: Generated<number>;
  email: string;
  password_hash: string | null;
  is_admin: number;
  /** JSON array of scopes: a team id (`team_a`) or an org tree (`tree:Engineering`). */
  scopes: string;
  created_at: string;
}

/** A single sign-on identity bound to an account (migration 007). */
export interface UserIdentitiesTable {
  id: Generated<number>;
  user_id: number;
  /** The sign-in provider's id in Fourfold: `oidc` or `github`. */
  provider: string;
  issuer: string;
  subject: string;
  /** The email the IdP asserted at the last sign-in. */
  email: string | null;
  linked_at: string;
  last_sign_in_at: string;
}

/** A live session (migration 007): a session cookie is honoured only while its row exists. */
export interface SessionsTable {
  id: string;
  user_id: number;
  identity_id: number | null;
  provider: string;
  /** The IdP's ID token, kept for RP-initiated logout (`id_token_hint`); never sent to a browser. */
  id_token: string | null;
  created_at: number;
  last_seen_at: number;
}

export interface DB {
  users: UsersTable;
  user_identities: UserIdentitiesTable;
  sessions: SessionsTable;
  teams: TeamsTable;
  work_items: WorkItemsTable;
  pull_requests: PullRequestsTable;
  builds: BuildsTable;
  deployments: DeploymentsTable;
  incidents: IncidentsTable;
  export_jobs: ExportJobsTable;
  export_registry: ExportRegistryTable;
  data_versions: DataVersionsTable;
  figure_record_versions: DataVersionsTable;
  figure_records: FigureRecordsTable;
  deployment_links: DeploymentLinksTable;
  fact_versions: DataVersionsTable;
  incident_links: IncidentLinksTable;
  deployment_failures: DeploymentFailuresTable;
  deployments_without_changes: DeploymentsWithoutChangesTable;
  annotations: AnnotationsTable;
  source_events: SourceEventsTable;
  source_facts: SourceFactsTable;
  source_records: SourceRecordsTable;
  source_mappings: SourceMappingsTable;
  source_secrets: SourceSecretsTable;
  source_imports: SourceImportsTable;
  source_leases: SourceLeasesTable;
  export_files: ExportFilesTable;
  rate_counts: RateCountsTable;
  shared_secrets: SharedSecretsTable;
}

// Engine records (migration 002). Instants are epoch milliseconds; absent optional fields are null.

interface Scoped {
  org_id: string;
  project_id: string;
  id: string;
}

export interface TeamsTable extends Scoped {
  name: string;
  org_tree: string;
  ref_id: number;
  parent_id: string | null;
}

export interface WorkItemsTable extends Scoped {
  team_id: string;
  created_at: number;
  key: string | null;
  started_at: number | null;
  resolved_at: number | null;
  /** Kept by the store (migration 006): 1 when a PR of any team names this work item. */
  has_pr: Generated<number>;
}

export interface PullRequestsTable extends Scoped {
  team_id: string;
  repository: string;
  first_commit_at: number;
  opened_at: number;
  merged_at: number | null;
  merge_commit_sha: string | null;
  work_item_id: string | null;
  /** Kept by the store (migration 009, record-links.ts): its work item's createdAt, epoch ms. */
  link_t0: Generated<number | null>;
  /** Its earliest successful build's finishedAt at its merge commit (before the monotone rule). */
  link_t4: Generated<number | null>;
  /** Its deployment's finishedAt; null when unmerged or undeployed. */
  link_t5: Generated<number | null>;
}

export interface BuildsTable extends Scoped {
  repository: string;
  commit_sha: string;
  finished_at: number;
  /** `success` or `failure`, lower case. */
  status: string;
  started_at: number | null;
}

export interface DeploymentsTable extends Scoped {
  team_id: string;
  environment: string;
  /** 1 when the environment is `production` or `prod` (any case), else 0. */
  is_production: number;
  status: string;
  finished_at: number;
  service: string | null;
  repository: string | null;
  started_at: number | null;
  /** JSON array of strings, or null when empty. */
  pull_request_ids: string | null;
  /** JSON array of strings, or null when empty. */
  commit_shas: string | null;
}

export interface IncidentsTable extends Scoped {
  team_id: string;
  opened_at: number;
  resolved_at: number | null;
  service: string | null;
  deployment_id: string | null;
}

/** Export jobs (migration 003). `params` is the normalised ExportParams as JSON. */
export interface ExportJobsTable {
  id: string;
  org_id: string;
  project_id: string;
  params_key: string;
  params: string;
  status: "QUEUED" | "PROCESSING" | "COMPLETED" | "FAILED";
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
  expires_at: number | null;
  row_count: number | null;
  size_bytes: number | null;
  artifact: string | null;
  error_code: string | null;
  error_message: string | null;
  attempts: Generated<number>;
  run_after: number;
  lease_owner: string | null;
  lease_until: number | null;
}

/** The dashboard's exports registry (migration 004). `params` is the normalised ExportParams as JSON. */
export interface ExportRegistryTable {
  seq: Generated<number>;
  /** `embedded`, or `harness:<host><path prefix>`: exports of one connection are never mixed with another's. */
  connection: string;
  upstream_id: string;
  scope_kind: "team" | "orgTree";
  /** The team id or the org tree name. */
  scope_value: string;
  params: string;
  /** The email of the user who first asked for it. */
  created_by: string;
  created_at: number;
  upstream_created_at: string | null;
}

/** A project's count of changes to its records (migration 005, kept by triggers), or the count its figure records were computed at. */
export interface DataVersionsTable {
  org_id: string;
  project_id: string;
  version: number;
}

/** One team's records of one kind (lib/dora/figures/records.ts): `data` is the Float64Array's bytes. */
export interface FigureRecordsTable {
  org_id: string;
  project_id: string;
  kind: string;
  team_id: string;
  count: number;
  data: Uint8Array;
}

/**
 * What a successful production deployment links by (migration 009): `pr`, `sha` or `repo`, with its
 * finishedAt; keyed by all of it, so neither a VACUUM nor a rowid touches it.
 */
export interface DeploymentLinksTable {
  org_id: string;
  project_id: string;
  kind: "pr" | "sha" | "repo";
  value: string;
  finished_at: number;
  deployment_id: string;
}

// Deployment facts (migration 010, lib/engine/facts.ts): derived from the records per data version,
// current while fact_versions holds the project's data version.

/** An incident's deployment under spec §4.5; incidents with none have no row. */
export interface IncidentLinksTable {
  org_id: string;
  project_id: string;
  incident_id: string;
  deployment_id: string;
}

/** A production deployment that is a failure under §4.5, with its recovery under §4.11 (null: none). */
export interface DeploymentFailuresTable {
  org_id: string;
  project_id: string;
  deployment_id: string;
  team_id: string;
  finished_at: number;
  recovery_id: string | null;
  recovered_at: number | null;
}

/** A successful production deployment that is no pull request's deployment under §4.3. */
export interface DeploymentsWithoutChangesTable {
  org_id: string;
  project_id: string;
  team_id: string;
  finished_at: number;
  deployment_id: string;
}

/** A dated note on a team or an org tree (migration 012). Dates are `YYYY-MM-DD`, instants epoch ms. */
export interface AnnotationsTable {
  id: Generated<number>;
  /** As in export_registry: `embedded`, or `harness:<host><path prefix>`. */
  connection: string;
  scope_kind: "team" | "orgTree";
  /** The team id or the org tree name. */
  scope_value: string;
  start_date: string;
  /** The last day of a range, inclusive; null for a single day. */
  end_date: string | null;
  text: string;
  /** Null once the author's account is removed; only admins may then change the note. */
  author_id: number | null;
  author_email: string;
  created_at: number;
  updated_at: number | null;
}

// Sources (migration 011). Instants are epoch milliseconds.

/** One delivery (or imported item), raw and whole; append-only but for its mapping outcome. */
export interface SourceEventsTable {
  id: Generated<number>;
  org_id: string;
  project_id: string;
  source: string;
  delivery_id: string;
  event_type: string;
  received_at: number;
  body: string;
  /** `verified` (a webhook whose signature matched) or `imported` (written by an importer). */
  signature: string;
  /** `pending`, `mapped`, `unmapped`, `ignored` or `failed`. */
  status: Generated<string>;
  reason: string | null;
  records: Generated<number>;
  mapped_at: number | null;
}

/** What one event says about one entity, under the mapping it was mapped with; `data` is JSON. */
export interface SourceFactsTable {
  event_id: number;
  entity: string;
  org_id: string;
  project_id: string;
  /** Another entity whose facts this entity's records also depend on (a pull request's head branch). */
  link: string | null;
  at: number;
  data: string;
}

/** An engine record produced by a source entity. */
export interface SourceRecordsTable {
  org_id: string;
  project_id: string;
  kind: string;
  record_id: string;
  entity: string;
  source: string;
  written_at: number;
}

export interface SourceMappingsTable {
  org_id: string;
  project_id: string;
  version: number;
  /** `json` or `yaml`: the document is kept as it was sent. */
  format: string;
  document: string;
  saved_at: number;
  saved_by: string;
}

export interface SourceSecretsTable {
  org_id: string;
  project_id: string;
  source: string;
  /** `v1:<iv>:<tag>:<ciphertext>`, base64url, AES-256-GCM. */
  secret: string;
  set_at: number;
}

export interface SourceImportsTable {
  id: Generated<number>;
  org_id: string;
  project_id: string;
  source: string;
  target: string;
  /** `running`, `done`, `interrupted` or `failed`. */
  status: string;
  started_at: number;
  updated_at: number;
  finished_at: number | null;
  phase: string | null;
  done: Generated<number>;
  events: Generated<number>;
  /** JSON: where a resumed run starts. */
  cursor: string | null;
  message: string | null;
}

export interface SourceLeasesTable {
  name: string;
  owner: string;
  until: number;
}

/** An export's file in parts (migration 013), kept in the store when it is PostgreSQL. */
export interface ExportFilesTable {
  job_id: string;
  part: number;
  bytes: Buffer;
}

/** Hits per key and instant (migration 013): the limits that hold across instances. */
export interface RateCountsTable {
  key: string;
  /** When, epoch ms. */
  at: number;
  /** Hits at that instant. */
  count: number;
}

/** A secret generated once for every instance of a shared store (migration 013). */
export interface SharedSecretsTable {
  name: string;
  value: string;
}
