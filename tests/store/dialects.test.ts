// The same organisation on SQLite and on PostgreSQL gives byte-identical export CSVs: ingested into
// each through the engine (the links computed by each database's SQL), and copied from SQLite into
// PostgreSQL by `npm run db -- copy`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExportParams } from "@/lib/dora";
import { DEMO_SCOPE, seedDemo } from "@/lib/demo";
import { listTeams } from "@/lib/engine/dataset";
import type { JobRow } from "@/lib/engine/jobs/repo";
import { runExport } from "@/lib/engine/jobs/run-export";
import { copyStore, nonEmptyTables, openStore, type Store } from "@/lib/store";
import { freshDatabase } from "@/lib/store/testing/test-store";

const END = new Date("2026-06-30T00:00:00Z");
let dir: string;
let sqlite: Store;
let ingested: Store;
const cleanup: (() => Promise<void>)[] = [];

async function postgres(): Promise<{ db: Store; url: string }> {
  const database = await freshDatabase();
  const db = await openStore(database.url);
  cleanup.push(async () => {
    await db.destroy();
    await database.drop();
  });
  return { db, url: database.url };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-dialects-"));
  sqlite = await openStore(path.join(dir, "fourfold.db"));
  await seedDemo(sqlite, { end: END });
  await sqlite
    .insertInto("users")
    .values({ email: "admin@example.com", is_admin: 1, scopes: "[]", created_at: "2026-01-01" })
    .execute();
  ingested = (await postgres()).db;
  await seedDemo(ingested, { end: END });
}, 240_000);

afterAll(async () => {
  await sqlite.destroy();
  for (const done of cleanup) await done();
  fs.rmSync(dir, { recursive: true, force: true });
});

const base = { org: DEMO_SCOPE.org, project: DEMO_SCOPE.project };
let seq = 0;

/** The export's CSV as the export worker writes it. */
async function csvOf(db: Store, scope: ExportParams["scope"], granularity: ExportParams["granularity"]) {
  const params: ExportParams = {
    scope,
    dateRange: { start: "2025-07-01", end: "2026-06-30" },
    metricGroups: ["lttc", "deployment_frequency", "cfr", "mttr", "work_items", "rating", "summary"],
    metrics: null,
    granularity,
    aggregation: "median",
    compression: "none",
    format: "csv",
    timezone: "UTC",
    benchmark: "sei",
  };
  const job = {
    id: `exp_TEST${String(++seq).padStart(6, "0")}`,
    org_id: base.org,
    project_id: base.project,
    params: JSON.stringify(params),
  } as JobRow;
  const out = path.join(dir, "exports");
  const { artifact } = await runExport(db, out, job);
  return fs.readFileSync(path.join(out, artifact), "utf8");
}

async function scopes(db: Store): Promise<ExportParams["scope"][]> {
  const teams = await listTeams(db, base);
  const tree = teams[0]!.orgTree;
  const leaf = teams.find((t) => !teams.some((c) => c.parentId === t.id))!;
  return [
    { kind: "orgTree", orgTreeName: tree, orgIdentifier: base.org, projectIdentifier: base.project },
    { kind: "team", teamId: leaf.id },
  ];
}

async function expectSameExports(other: Store) {
  for (const scope of await scopes(sqlite)) {
    for (const granularity of ["MONTHLY", "WEEKLY"] as const) {
      const expected = await csvOf(sqlite, scope, granularity);
      expect(expected.split("\n").length).toBeGreaterThan(10);
      expect(await csvOf(other, scope, granularity)).toBe(expected);
    }
  }
}

describe("SQLite and PostgreSQL", () => {
  it("the demo organisation ingested into each gives byte-identical export CSVs", async () => {
    await expectSameExports(ingested);
  });

  it("the stored links agree, pull request by pull request", async () => {
    const links = (db: Store) =>
      db
        .selectFrom("pull_requests")
        .select(["id", "link_t0", "link_t4", "link_t5"])
        .where("org_id", "=", base.org)
        .orderBy("id")
        .execute();
    expect(await links(ingested)).toEqual(await links(sqlite));
  });
});

describe("npm run db -- copy", () => {
  it("copies the demo SQLite store to PostgreSQL: every row, and the same exports give identical CSVs", async () => {
    const { db, url } = await postgres();
    const out = execFileSync(
      "npx",
      [
        "tsx",
        "--conditions=react-server",
        "scripts/db.ts",
        "copy",
        "--from",
        `sqlite:${path.join(dir, "fourfold.db")}`,
        "--to",
        url,
      ],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    expect(out).toMatch(/^copied \d+ rows in \d+ tables/m);
    for (const table of ["pull_requests", "deployments", "deployment_links", "data_versions", "users"]) {
      const count = async (s: Store) =>
        (
          await s
            .selectFrom(table as "users")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n;
      expect(Number(await count(db)), table).toBe(Number(await count(sqlite)));
    }
    await expectSameExports(db);
  });

  it("refuses a target that holds rows, and --replace overwrites it", async () => {
    const { db, url } = await postgres();
    await copyStore(sqlite, db);
    await expect(copyStore(sqlite, db)).rejects.toThrow(/holds rows already/);
    const before = await nonEmptyTables(db);
    const result = await copyStore(sqlite, db, { replace: true });
    expect(
      result.tables
        .filter((t) => t.rows > 0)
        .map((t) => t.table)
        .sort(),
    ).toEqual(before.sort());
    // A new row's id goes on from the copied ones.
    const user = await db
      .insertInto("users")
      .values({ email: `new-${url.length}@example.com`, is_admin: 0, scopes: "[]", created_at: "2026-01-01" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const max = await sqlite
      .selectFrom("users")
      .select((eb) => eb.fn.max("id").as("m"))
      .executeTakeFirst();
    expect(user.id).toBeGreaterThan(Number(max?.m ?? 0));
  });
});
