import { sql, type Kysely } from "kysely";

// A build or a deployment finds the pull requests it reaches by their merge commit (spec §4.3),
// through an index on pull_requests. Shas are random, so each batch of PRs inserted into that index
// touches pages all over it, and each commit writes every page it touched: the index was half the
// cost of ingesting PRs. Its key is now the sha's first 8 characters alone, about a quarter of the
// old key (org, project, whole sha); the lookups compare the whole sha after the seek (prsMergedAt
// in record-links.ts), so a shared prefix costs a row read, never a wrong link.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX pull_requests_merge_commit`.execute(db);
  await sql`CREATE INDEX pull_requests_merge_sha ON pull_requests (substr(merge_commit_sha, 1, 8))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX pull_requests_merge_sha`.execute(db);
  await sql`CREATE INDEX pull_requests_merge_commit ON pull_requests (org_id, project_id, merge_commit_sha)`.execute(
    db,
  );
}
