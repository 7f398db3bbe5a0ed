// The floor: one bare SQLite aggregation over the same pull-request rows, straight from the data
// file: the median lead time (first commit → merge, days) per team and month, by window functions.
// No linking, no roll-up, no CSV; what this store can do at best for a query of that size.
import Database from "better-sqlite3";
import { median } from "./stats";

const FLOOR_SQL = `
WITH lt AS (
  SELECT team_id, strftime('%Y-%m', merged_at / 1000, 'unixepoch') AS month,
         (merged_at - first_commit_at) / 86400000.0 AS days
  FROM pull_requests
  WHERE org_id = ? AND project_id = ? AND merged_at IS NOT NULL
), ranked AS (
  SELECT team_id, month, days,
         ROW_NUMBER() OVER (PARTITION BY team_id, month ORDER BY days) AS rn,
         COUNT(*) OVER (PARTITION BY team_id, month) AS n
  FROM lt
)
SELECT team_id, month, AVG(days) AS median_days, MAX(n) AS prs
FROM ranked WHERE rn IN ((n + 1) / 2, (n + 2) / 2)
GROUP BY team_id, month`;

export interface Floor {
  ms: number;
  groups: number;
  prs: number;
}

/** Median time of `runs` runs of the floor query (the first warms the page cache too). */
export function sqliteFloor(dbFile: string, org: string, project: string, runs = 3): Floor {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const stmt = db.prepare(FLOOR_SQL);
    const times: number[] = [];
    let rows: { prs: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      rows = stmt.all(org, project) as { prs: number }[];
      times.push(performance.now() - t0);
    }
    return { ms: median(times), groups: rows.length, prs: rows.reduce((s, r) => s + r.prs, 0) };
  } finally {
    db.close();
  }
}
