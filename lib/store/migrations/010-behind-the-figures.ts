import { sql, type Kysely } from "kysely";

// The failed deployment recovery time and rework records (spec §4.11, §4.12) join the figure
// records kept per data version: the records stored before them lack those kinds, so they are
// computed afresh.

const STATEMENTS = [`DELETE FROM figure_record_versions`];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`DELETE FROM figure_record_versions`).execute(db);
}
