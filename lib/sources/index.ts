// Sources (shared/spec/sources.md): webhooks and importers feed the engine through an append-only
// event log, a mapping per project and the engine's own ingestion; replay re-maps the log. Server only.
export { appendEvent, appendEvents, type NewEvent } from "./events";
export { importGit, type GitImportOptions, type GitImportResult } from "./git/importer";
export { importGithub, type GithubImportOptions, type GithubImportResult } from "./github/importer";
export { importGitlab, type GitlabImportOptions, type GitlabImportResult } from "./gitlab/importer";
export { webhookRoute } from "./http";
export { importJira, type JiraImportOptions, type JiraImportResult } from "./jira/importer";
export { mappingAnswer, mappingRefused, putMapping } from "./mapping/api";
export { MAX_MAPPING_BYTES, parseMapping, type MappingIssue } from "./mapping/parse";
export { sourcesOverview, type Overview, type Problem, type SourceOverview } from "./overview";
export type { ReplayOutcome } from "./mapper";
export { importPagerduty, type PagerdutyImportOptions, type PagerdutyImportResult } from "./pagerduty/importer";
export type { Scope as SourceScope } from "./scope";
export { MIN_SECRET_LENGTH, newWebhookSecret, setSecret } from "./secrets";
export { startSources, type Sources } from "./service";
export { WEBHOOK_SOURCES } from "./arrival";
export { MAX_WEBHOOK_BYTES } from "./webhook";
