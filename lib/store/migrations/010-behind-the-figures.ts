import { sql, type Kysely } from "kysely";
import { isPostgres } from "../dialect";

// Behind the figures (spec §4.11, §4.12, §9).
// - The failed deployment recovery time and rework records join the figure records kept per data
//   version: the records stored before them lack those kinds, so they are computed afresh.
// - An index per anchor, so the records behind a figure are read in order, a page at a time, from
//   a cursor: a deployed PR's deployment (link_t5), a production deployment's finishedAt, an
//   incident's resolvedAt, a recovery's finishedAt.
// - Team-first indexes that hold what coverage counts, so counting a team's records reads no row:
//   pull_requests_team and work_items_team become wider (their old columns stay their prefix).
// - Deployment facts (lib/engine/facts.ts), derived from the records and kept per data version like
//   the figure records: each incident's deployment (§4.5), each failed production deployment with
//   its recovery (§4.11), and the successful production deployments that are no PR's deployment.

const STATEMENTS = [
  `DELETE FROM figure_record_versions`,

  `CREATE INDEX pull_requests_deployed ON pull_requests (org_id, project_id, link_t5, id, team_id)
    WHERE link_t5 IS NOT NULL`,
  `DROP INDEX pull_requests_team`,
  `CREATE INDEX pull_requests_team ON pull_requests
    (org_id, project_id, team_id, link_t5, id, merged_at, link_t4, link_t0)`,
  `DROP INDEX work_items_team`,
  `CREATE INDEX work_items_team ON work_items (org_id, project_id, team_id, resolved_at, has_pr)`,
  `CREATE INDEX deployments_anchor ON deployments (org_id, project_id, is_production, finished_at, id, team_id, status)`,
  `CREATE INDEX incidents_resolved ON incidents (org_id, project_id, resolved_at, id, team_id)
    WHERE resolved_at IS NOT NULL`,

  `CREATE TABLE fact_versions (org_id text NOT NULL, project_id text NOT NULL, version integer NOT NULL,
    PRIMARY KEY (org_id, project_id))`,
  `CREATE TABLE incident_links (org_id text NOT NULL, project_id text NOT NULL, incident_id text NOT NULL,
    deployment_id text NOT NULL, PRIMARY KEY (org_id, project_id, incident_id)) WITHOUT ROWID`,
  `CREATE INDEX incident_links_deployment ON incident_links (org_id, project_id, deployment_id, incident_id)`,
  `CREATE TABLE deployment_failures (org_id text NOT NULL, project_id text NOT NULL, deployment_id text NOT NULL,
    team_id text NOT NULL, finished_at bigint NOT NULL, recovery_id text, recovered_at bigint,
    PRIMARY KEY (org_id, project_id, deployment_id)) WITHOUT ROWID`,
  `CREATE INDEX deployment_failures_team ON deployment_failures (org_id, project_id, team_id, finished_at)`,
  `CREATE INDEX deployment_failures_recovered ON deployment_failures
    (org_id, project_id, recovered_at, deployment_id, team_id) WHERE recovered_at IS NOT NULL`,
  `CREATE INDEX deployment_failures_recovery ON deployment_failures (org_id, project_id, recovery_id, deployment_id)
    WHERE recovery_id IS NOT NULL`,
  `CREATE TABLE deployments_without_changes (org_id text NOT NULL, project_id text NOT NULL, team_id text NOT NULL,
    finished_at bigint NOT NULL, deployment_id text NOT NULL,
    PRIMARY KEY (org_id, project_id, team_id, finished_at, deployment_id)) WITHOUT ROWID`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // PostgreSQL keeps every table as a heap with its primary key an index: no WITHOUT ROWID there.
  const forDialect = (s: string) => (isPostgres(db) ? s.replace(/ WITHOUT ROWID$/, "") : s);
  for (const statement of STATEMENTS) await sql.raw(forDialect(statement)).execute(db);
}

const DOWN = [
  `DROP TABLE deployments_without_changes`,
  `DROP TABLE deployment_failures`,
  `DROP TABLE incident_links`,
  `DROP TABLE fact_versions`,
  `DROP INDEX incidents_resolved`,
  `DROP INDEX deployments_anchor`,
  `DROP INDEX work_items_team`,
  `CREATE INDEX work_items_team ON work_items (org_id, project_id, team_id, resolved_at)`,
  `DROP INDEX pull_requests_team`,
  `CREATE INDEX pull_requests_team ON pull_requests (org_id, project_id, team_id)`,
  `DROP INDEX pull_requests_deployed`,
  `DELETE FROM figure_record_versions`,
];

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
