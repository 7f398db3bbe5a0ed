-- index annotations_scope
CREATE INDEX "annotations_scope" on "annotations" ("connection", "scope_kind", "scope_value", "start_date");
-- index builds_repository
CREATE INDEX "builds_repository" on "builds" ("org_id", "project_id", "repository", "commit_sha");
-- index deployment_failures_recovered
CREATE INDEX deployment_failures_recovered ON deployment_failures
    (org_id, project_id, recovered_at, deployment_id, team_id) WHERE recovered_at IS NOT NULL;
-- index deployment_failures_recovery
CREATE INDEX deployment_failures_recovery ON deployment_failures (org_id, project_id, recovery_id, deployment_id)
    WHERE recovery_id IS NOT NULL;
-- index deployment_failures_team
CREATE INDEX deployment_failures_team ON deployment_failures (org_id, project_id, team_id, finished_at);
-- index deployments_anchor
CREATE INDEX deployments_anchor ON deployments (org_id, project_id, is_production, finished_at, id, team_id, status);
-- index deployments_production
CREATE INDEX "deployments_production" on "deployments" ("org_id", "project_id", "is_production", "status", "finished_at");
-- index deployments_team
CREATE INDEX "deployments_team" on "deployments" ("org_id", "project_id", "team_id", "finished_at");
-- index export_jobs_queue
CREATE INDEX "export_jobs_queue" on "export_jobs" ("status", "run_after");
-- index export_jobs_reuse
CREATE INDEX "export_jobs_reuse" on "export_jobs" ("org_id", "project_id", "params_key", "created_at");
-- index export_registry_scope
CREATE INDEX "export_registry_scope" on "export_registry" ("connection", "scope_kind", "scope_value");
-- index incident_links_deployment
CREATE INDEX incident_links_deployment ON incident_links (org_id, project_id, deployment_id, incident_id);
-- index incidents_resolved
CREATE INDEX incidents_resolved ON incidents (org_id, project_id, resolved_at, id, team_id)
    WHERE resolved_at IS NOT NULL;
-- index incidents_team
CREATE INDEX "incidents_team" on "incidents" ("org_id", "project_id", "team_id", "opened_at");
-- index pull_requests_deployed
CREATE INDEX pull_requests_deployed ON pull_requests (org_id, project_id, link_t5)
    WHERE link_t5 IS NOT NULL;
-- index pull_requests_merge_sha
CREATE INDEX pull_requests_merge_sha ON pull_requests (substr(merge_commit_sha, 1, 8));
-- index pull_requests_repository_merged
CREATE INDEX "pull_requests_repository_merged" on "pull_requests" ("org_id", "project_id", "repository", "merged_at");
-- index pull_requests_team
CREATE INDEX pull_requests_team ON pull_requests
    (org_id, project_id, team_id, link_t5, id, merged_at, link_t4, link_t0);
-- index pull_requests_work_item
CREATE INDEX "pull_requests_work_item" on "pull_requests" ("org_id", "project_id", "work_item_id");
-- index sessions_user
CREATE INDEX "sessions_user" on "sessions" ("user_id");
-- index source_events_received
CREATE INDEX "source_events_received" on "source_events" ("org_id", "project_id", "source", "received_at");
-- index source_events_status
CREATE INDEX "source_events_status" on "source_events" ("status", "id");
-- index source_facts_entity
CREATE INDEX "source_facts_entity" on "source_facts" ("org_id", "project_id", "entity");
-- index source_facts_link
CREATE INDEX "source_facts_link" on "source_facts" ("org_id", "project_id", "link");
-- index source_imports_target
CREATE INDEX "source_imports_target" on "source_imports" ("org_id", "project_id", "source", "target", "id");
-- index source_records_entity
CREATE INDEX "source_records_entity" on "source_records" ("org_id", "project_id", "entity");
-- index sqlite_autoindex_builds_1
(automatic);
-- index sqlite_autoindex_data_versions_1
(automatic);
-- index sqlite_autoindex_deployments_1
(automatic);
-- index sqlite_autoindex_export_files_1
(automatic);
-- index sqlite_autoindex_export_jobs_1
(automatic);
-- index sqlite_autoindex_export_registry_1
(automatic);
-- index sqlite_autoindex_fact_versions_1
(automatic);
-- index sqlite_autoindex_figure_record_versions_1
(automatic);
-- index sqlite_autoindex_figure_records_1
(automatic);
-- index sqlite_autoindex_incidents_1
(automatic);
-- index sqlite_autoindex_kysely_migration_1
(automatic);
-- index sqlite_autoindex_kysely_migration_lock_1
(automatic);
-- index sqlite_autoindex_pull_requests_1
(automatic);
-- index sqlite_autoindex_rate_counts_1
(automatic);
-- index sqlite_autoindex_sessions_1
(automatic);
-- index sqlite_autoindex_shared_secrets_1
(automatic);
-- index sqlite_autoindex_source_events_1
(automatic);
-- index sqlite_autoindex_source_facts_1
(automatic);
-- index sqlite_autoindex_source_leases_1
(automatic);
-- index sqlite_autoindex_source_mappings_1
(automatic);
-- index sqlite_autoindex_source_records_1
(automatic);
-- index sqlite_autoindex_source_secrets_1
(automatic);
-- index sqlite_autoindex_teams_1
(automatic);
-- index sqlite_autoindex_user_identities_1
(automatic);
-- index sqlite_autoindex_users_1
(automatic);
-- index sqlite_autoindex_work_items_1
(automatic);
-- index teams_org_tree
CREATE INDEX "teams_org_tree" on "teams" ("org_id", "project_id", "org_tree");
-- index teams_parent
CREATE INDEX "teams_parent" on "teams" ("org_id", "project_id", "parent_id");
-- index teams_ref_id
CREATE UNIQUE INDEX "teams_ref_id" on "teams" ("org_id", "project_id", "ref_id");
-- index user_identities_user
CREATE INDEX "user_identities_user" on "user_identities" ("user_id");
-- index work_items_team
CREATE INDEX work_items_team ON work_items (org_id, project_id, team_id, resolved_at, has_pr);
-- table annotations
CREATE TABLE "annotations" ("id" integer primary key autoincrement, "connection" text not null, "scope_kind" text not null, "scope_value" text not null, "start_date" text not null, "end_date" text, "text" text not null, "author_id" integer references "users" ("id") on delete set null, "author_email" text not null, "created_at" bigint not null, "updated_at" bigint);
-- table builds
CREATE TABLE "builds" ("org_id" text not null, "project_id" text not null, "id" text not null, "repository" text not null, "commit_sha" text not null, "finished_at" bigint not null, "status" text not null, "started_at" bigint, constraint "builds_pk" primary key ("org_id", "project_id", "id"));
-- table data_versions
CREATE TABLE "data_versions" ("org_id" text not null, "project_id" text not null, "version" integer not null, constraint "data_versions_pk" primary key ("org_id", "project_id"));
-- table deployment_failures
CREATE TABLE deployment_failures (org_id text NOT NULL, project_id text NOT NULL, deployment_id text NOT NULL,
    team_id text NOT NULL, finished_at bigint NOT NULL, recovery_id text, recovered_at bigint,
    PRIMARY KEY (org_id, project_id, deployment_id)) WITHOUT ROWID;
-- table deployment_links
CREATE TABLE deployment_links (
    org_id text NOT NULL, project_id text NOT NULL, kind text NOT NULL, value text NOT NULL,
    finished_at bigint NOT NULL, deployment_id text NOT NULL,
    PRIMARY KEY (org_id, project_id, kind, value, finished_at, deployment_id)) WITHOUT ROWID;
-- table deployments
CREATE TABLE "deployments" ("org_id" text not null, "project_id" text not null, "id" text not null, "team_id" text not null, "environment" text not null, "is_production" integer not null, "status" text not null, "finished_at" bigint not null, "service" text, "repository" text, "started_at" bigint, "pull_request_ids" text, "commit_shas" text, constraint "deployments_pk" primary key ("org_id", "project_id", "id"));
-- table deployments_without_changes
CREATE TABLE deployments_without_changes (org_id text NOT NULL, project_id text NOT NULL, team_id text NOT NULL,
    finished_at bigint NOT NULL, deployment_id text NOT NULL,
    PRIMARY KEY (org_id, project_id, team_id, finished_at, deployment_id)) WITHOUT ROWID;
-- table export_files
CREATE TABLE "export_files" ("job_id" text not null, "part" integer not null, "bytes" blob not null, constraint "export_files_pk" primary key ("job_id", "part"));
-- table export_jobs
CREATE TABLE "export_jobs" ("id" text primary key, "org_id" text not null, "project_id" text not null, "params_key" text not null, "params" text not null, "status" text not null, "created_at" bigint not null, "started_at" bigint, "completed_at" bigint, "expires_at" bigint, "row_count" integer, "size_bytes" integer, "artifact" text, "error_code" text, "error_message" text, "attempts" integer default 0 not null, "run_after" bigint not null, "lease_owner" text, "lease_until" bigint);
-- table export_registry
CREATE TABLE "export_registry" ("seq" integer primary key autoincrement, "connection" text not null, "upstream_id" text not null, "scope_kind" text not null, "scope_value" text not null, "params" text not null, "created_by" text not null, "created_at" bigint not null, "upstream_created_at" text, constraint "export_registry_upstream" unique ("connection", "upstream_id"));
-- table fact_versions
CREATE TABLE fact_versions (org_id text NOT NULL, project_id text NOT NULL, version integer NOT NULL,
    PRIMARY KEY (org_id, project_id));
-- table figure_record_versions
CREATE TABLE "figure_record_versions" ("org_id" text not null, "project_id" text not null, "version" integer not null, constraint "figure_record_versions_pk" primary key ("org_id", "project_id"));
-- table figure_records
CREATE TABLE "figure_records" ("org_id" text not null, "project_id" text not null, "kind" text not null, "team_id" text not null, "count" integer not null, "data" blob not null, constraint "figure_records_pk" primary key ("org_id", "project_id", "kind", "team_id"));
-- table incident_links
CREATE TABLE incident_links (org_id text NOT NULL, project_id text NOT NULL, incident_id text NOT NULL,
    deployment_id text NOT NULL, PRIMARY KEY (org_id, project_id, incident_id)) WITHOUT ROWID;
-- table incidents
CREATE TABLE "incidents" ("org_id" text not null, "project_id" text not null, "id" text not null, "team_id" text not null, "opened_at" bigint not null, "resolved_at" bigint, "service" text, "deployment_id" text, constraint "incidents_pk" primary key ("org_id", "project_id", "id"));
-- table pull_requests
CREATE TABLE "pull_requests" ("org_id" text not null, "project_id" text not null, "id" text not null, "team_id" text not null, "repository" text not null, "first_commit_at" bigint not null, "opened_at" bigint not null, "merged_at" bigint, "merge_commit_sha" text, "work_item_id" text, link_t0 bigint, link_t4 bigint, link_t5 bigint, constraint "pull_requests_pk" primary key ("org_id", "project_id", "id"));
-- table rate_counts
CREATE TABLE "rate_counts" ("key" text not null, "at" bigint not null, "count" integer not null, constraint "rate_counts_pk" primary key ("key", "at"));
-- table sessions
CREATE TABLE "sessions" ("id" text primary key, "user_id" integer not null references "users" ("id") on delete cascade, "identity_id" integer references "user_identities" ("id") on delete cascade, "provider" text not null, "id_token" text, "created_at" bigint not null, "last_seen_at" bigint not null);
-- table shared_secrets
CREATE TABLE "shared_secrets" ("name" text primary key, "value" text not null);
-- table source_events
CREATE TABLE "source_events" ("id" integer primary key autoincrement, "org_id" text not null, "project_id" text not null, "source" text not null, "delivery_id" text not null, "event_type" text not null, "received_at" bigint not null, "body" text not null, "signature" text not null, "status" text default 'pending' not null, "reason" text, "records" integer default 0 not null, "mapped_at" bigint, constraint "source_events_delivery" unique ("org_id", "project_id", "source", "delivery_id"));
-- table source_facts
CREATE TABLE "source_facts" ("event_id" integer not null references "source_events" ("id"), "entity" text not null, "org_id" text not null, "project_id" text not null, "link" text, "at" bigint not null, "data" text not null, constraint "source_facts_pk" primary key ("event_id", "entity"));
-- table source_imports
CREATE TABLE "source_imports" ("id" integer primary key autoincrement, "org_id" text not null, "project_id" text not null, "source" text not null, "target" text not null, "status" text not null, "started_at" bigint not null, "updated_at" bigint not null, "finished_at" bigint, "phase" text, "done" integer default 0 not null, "events" integer default 0 not null, "cursor" text, "message" text);
-- table source_leases
CREATE TABLE "source_leases" ("name" text primary key, "owner" text not null, "until" bigint not null);
-- table source_mappings
CREATE TABLE "source_mappings" ("org_id" text not null, "project_id" text not null, "version" integer not null, "format" text not null, "document" text not null, "saved_at" bigint not null, "saved_by" text not null, constraint "source_mappings_pk" primary key ("org_id", "project_id", "version"));
-- table source_records
CREATE TABLE "source_records" ("org_id" text not null, "project_id" text not null, "kind" text not null, "record_id" text not null, "entity" text not null, "source" text not null, "written_at" bigint not null, constraint "source_records_pk" primary key ("org_id", "project_id", "kind", "record_id"));
-- table source_secrets
CREATE TABLE "source_secrets" ("org_id" text not null, "project_id" text not null, "source" text not null, "secret" text not null, "set_at" bigint not null, constraint "source_secrets_pk" primary key ("org_id", "project_id", "source"));
-- table sqlite_sequence
CREATE TABLE sqlite_sequence(name,seq);
-- table teams
CREATE TABLE "teams" ("org_id" text not null, "project_id" text not null, "id" text not null, "name" text not null, "org_tree" text not null, "ref_id" integer not null, "parent_id" text, constraint "teams_pk" primary key ("org_id", "project_id", "id"));
-- table user_identities
CREATE TABLE "user_identities" ("id" integer primary key autoincrement, "user_id" integer not null references "users" ("id") on delete cascade, "provider" text not null, "issuer" text not null, "subject" text not null, "email" text, "linked_at" text not null, "last_sign_in_at" text not null, constraint "user_identities_issuer_subject" unique ("issuer", "subject"));
-- table users
CREATE TABLE "users" ("id" integer primary key autoincrement, "email" text not null unique, "password_hash" text, "is_admin" integer default 0 not null, "scopes" text default '[]' not null, "created_at" text not null);
-- table work_items
CREATE TABLE "work_items" ("org_id" text not null, "project_id" text not null, "id" text not null, "team_id" text not null, "created_at" bigint not null, "key" text, "started_at" bigint, "resolved_at" bigint, "has_pr" integer default 0 not null, constraint "work_items_pk" primary key ("org_id", "project_id", "id"));
-- trigger builds_version_delete
CREATE TRIGGER builds_version_delete AFTER DELETE ON builds BEGIN INSERT INTO data_versions (org_id, project_id, version) VALUES (OLD.org_id, OLD.project_id, 1) ON CONFLICT (org_id, project_id) DO UPDATE SET version = version + 1; END;
-- trigger builds_version_insert
CREATE TRIGGER builds_version_insert AFTER INSERT ON builds BEGIN INSERT INTO data_versions (org_id, project_id, version) VALUES (NEW.org_id, NEW.project_id, 1) ON CONFLICT (org_id, project_id) DO UPDATE SET version = version + 1; END;
-- trigger builds_version_update
CREATE TRIGGER builds_version_update AFTER UPDATE ON builds BEGIN INSERT INTO data_versions (org_id, project_id, version) VALUES (NEW.org_id, NEW.project_id, 1) ON CONFLICT (org_id, project_id) DO UPDATE SET version = version + 1; END;
-- trigger deployments_version_delete
CREATE TRIGGER deployments_version_delete AFTER DELETE ON deployments BEGIN INSERT INTO data_versions (org_id, project_id, version) VALUES (OLD.org_id, OLD.project_id, 1) ON CONFLICT (org_id, project_id) DO UPDATE SET version = version + 1; END;
-- trigger deployments_version_insert
CREATE TRIGGER deployments_version_insert AFTER INSERT ON deployments BEGIN INSERT INTO data_versions (org_id, project_id, version) VALUES (NEW.org_id, NEW.project_id, 1) ON CONFLICT (org_id, project_id) DO UPDATE SET version = version + 1; END;
-- trigger deployments_version_update
CREATE TRIGGER deployments_version_update AFTER UPDATE ON deployments BEGIN INSERT INTO data_versions (org_id, project_id, version) VALUES (NEW.org_id, NEW.project_id, 1) ON CONFLICT (org_id, project_id) DO UPDATE SET version = version + 1; END;
-- trigger incidents_version_delete
CREATE TRIGGER incidents_version_delete AFTER DELETE ON incidents BEGIN INSERT INTO data_versions (org_id, project_id, version) VALUES (OLD.org_id, OLD.project_id, 1) ON CONFLICT (org_id, project_id) DO UPDATE SET version = version + 1; END;
-- trigger incidents_version_insert
CREATE TRIGGER incidents_version_insert AFTER INSERT ON incidents BEGIN INSERT INTO data_versions (org_id, project_id, version) VALUES (NEW.org_id, NEW.project_id, 1) ON CONFLICT (org_id, project_id) DO UPDATE SET version = version + 1; END;
-- trigger incidents_version_update
CREATE TRIGGER incidents_version_update AFTER UPDATE ON incidents BEGIN INSERT INTO data_versions (org_id, project_id, version) VALUES (NEW.org_id, NEW.project_id, 1) ON CONFLICT (org_id, project_id) DO UPDATE SET version = version + 1; END;
-- trigger pull_requests_version_delete
CREATE TRIGGER pull_requests_version_delete AFTER DELETE ON pull_requests BEGIN INSERT INTO data_versions (org_id, project_id, version) VALUES (OLD.org_id, OLD.project_id, 1) ON CONFLICT (org_id, project_id) DO UPDATE SET version = version + 1; END;
-- trigger pull_requests_version_insert
CREATE TRIGGER pull_requests_version_insert AFTER INSERT ON pull_requests BEGIN INSERT INTO data_versions (org_id, project_id, version) VALUES (NEW.org_id, NEW.project_id, 1) ON CONFLICT (org_id, project_id) DO UPDATE SET version = version + 1; END;
-- trigger pull_requests_version_update
CREATE TRIGGER pull_requests_version_update AFTER UPDATE ON pull_requests BEGIN INSERT INTO data_versions (org_id, project_id, version) VALUES (NEW.org_id, NEW.project_id, 1) ON CONFLICT (org_id, project_id) DO UPDATE SET version = version + 1; END;
-- trigger source_events_append_only
CREATE TRIGGER source_events_append_only BEFORE UPDATE OF org_id, project_id, source, delivery_id,
    event_type, received_at, body, signature ON source_events
    BEGIN SELECT RAISE(ABORT, 'source_events is append-only'); END;
-- trigger source_events_no_delete
CREATE TRIGGER source_events_no_delete BEFORE DELETE ON source_events
    BEGIN SELECT RAISE(ABORT, 'source_events is append-only'); END;
-- trigger work_items_version_delete
CREATE TRIGGER work_items_version_delete AFTER DELETE ON work_items BEGIN INSERT INTO data_versions (org_id, project_id, version) VALUES (OLD.org_id, OLD.project_id, 1) ON CONFLICT (org_id, project_id) DO UPDATE SET version = version + 1; END;
-- trigger work_items_version_insert
CREATE TRIGGER work_items_version_insert AFTER INSERT ON work_items BEGIN INSERT INTO data_versions (org_id, project_id, version) VALUES (NEW.org_id, NEW.project_id, 1) ON CONFLICT (org_id, project_id) DO UPDATE SET version = version + 1; END;
-- trigger work_items_version_update
CREATE TRIGGER work_items_version_update AFTER UPDATE ON work_items BEGIN INSERT INTO data_versions (org_id, project_id, version) VALUES (NEW.org_id, NEW.project_id, 1) ON CONFLICT (org_id, project_id) DO UPDATE SET version = version + 1; END;
