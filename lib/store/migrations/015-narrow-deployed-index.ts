import { sql, type Kysely } from "kysely";

// pull_requests_deployed orders the deployed pull requests by their deployment's instant, across
// teams (the records behind the lead time of many teams are paged through it). A batch of
// deployments lowers the link_t5 of the PRs of a few squads, whose entries land all over that order:
// each commit wrote most of the index's pages, and its entries carried the PR's and its team's text
// ids besides. Its key is now the project and link_t5 alone; the id and the team are read from the
// row, which the page reads anyway.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX pull_requests_deployed`.execute(db);
  await sql`CREATE INDEX pull_requests_deployed ON pull_requests (org_id, project_id, link_t5)
    WHERE link_t5 IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX pull_requests_deployed`.execute(db);
  await sql`CREATE INDEX pull_requests_deployed ON pull_requests (org_id, project_id, link_t5, id, team_id)
    WHERE link_t5 IS NOT NULL`.execute(db);
}
