// The floor on PostgreSQL: the same median lead time (first commit → merge, days) per team and
// month over the same pull-request rows, run directly on the database; no linking, no roll-up, no
// CSV. Two forms: the window functions of the SQLite floor, and PostgreSQL's own percentile_cont;
// the faster is the floor (what this database can do at best for a query of that size).
import pg from "pg";
import { median } from "./stats";
import type { Floor } from "./sqlite-floor";

const LEAD_TIMES = `
  SELECT team_id, to_char(to_timestamp(merged_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
         (merged_at - first_commit_at) / 86400000.0 AS days
  FROM pull_requests
  WHERE org_id = $1 AND project_id = $2 AND merged_at IS NOT NULL`;

const WINDOWS = `
WITH lt AS (${LEAD_TIMES}), ranked AS (
  SELECT team_id, month, days,
         ROW_NUMBER() OVER (PARTITION BY team_id, month ORDER BY days) AS rn,
         COUNT(*) OVER (PARTITION BY team_id, month) AS n
  FROM lt
)
SELECT team_id, month, AVG(days) AS median_days, MAX(n) AS prs
FROM ranked WHERE rn IN ((n + 1) / 2, (n + 2) / 2)
GROUP BY team_id, month`;

const PERCENTILE = `
WITH lt AS (${LEAD_TIMES})
SELECT team_id, month, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days, count(*) AS prs
FROM lt GROUP BY team_id, month`;

export interface PostgresFloor extends Floor {
  windowsMs: number;
  percentileMs: number;
}

/** Median time of `runs` runs of each form (the first warms the buffer cache too). */
export async function postgresFloor(url: string, org: string, project: string, runs = 3): Promise<PostgresFloor> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const timed = async (text: string) => {
      const times: number[] = [];
      let rows: { prs: string }[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        rows = (await client.query<{ prs: string }>(text, [org, project])).rows;
        times.push(performance.now() - t0);
      }
      return { ms: median(times), groups: rows.length, prs: rows.reduce((s, r) => s + Number(r.prs), 0) };
    };
    const windows = await timed(WINDOWS);
    const percentile = await timed(PERCENTILE);
    if (windows.groups !== percentile.groups || windows.prs !== percentile.prs)
      throw new Error("the two forms of the floor disagree");
    return { ...windows, ms: Math.min(windows.ms, percentile.ms), windowsMs: windows.ms, percentileMs: percentile.ms };
  } finally {
    await client.end();
  }
}
