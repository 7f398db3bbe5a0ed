import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportCsvChunks } from "@/lib/dora/csv";
import { computeExportFromRecords, recordsNeeded } from "@/lib/dora/figures/compute-export";
import type { ExportParams } from "@/lib/dora/types";
import { RECORD_COLS, RECORD_KINDS, recordSetsOf, type RecordKind, type RecordSets } from "@/lib/dora/figures/records";
import type { Store } from "@/lib/store/db";
import { openTestStore, testDialect } from "@/lib/store/testing/test-store";
import { listTeams, loadDataset } from "./dataset";
import { demoOrg, ingestOrg } from "@/lib/demo";
import { deleteRecord, ingest, type IngestKind } from "./ingest";
import { projectRecords } from "./project-records";

// The records linked by the store must be those lib/dora links from a loaded dataset (whose rules
// have their own unit tables), record for record. A file store, so the raw reader is used as in the server.

const DEMO = { org: "demo", project: "demo" };
const EDGE = { org: "edge", project: "web" };
let dir: string;
let db: Store;

/** Each team's records of a kind as sorted tuples (anchor, then the value columns), NaN kept as "NaN". */
function tuples(sets: RecordSets, kind: RecordKind): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [team, r] of sets[kind] ?? new Map()) {
    const rows: string[] = [];
    for (let i = 0; i < r.n; i++) {
      const row = [r.data[i]!];
      for (let c = 1; c <= RECORD_COLS[kind]; c++) row.push(r.data[c * r.n + i]!);
      rows.push(row.map((v) => (Number.isNaN(v) ? "NaN" : v.toFixed(9))).join(","));
    }
    out[team] = rows.sort();
  }
  return out;
}

/** The CSV of an org-tree export of every group, computed from the links the store keeps. */
async function exportCsv(scope: typeof DEMO): Promise<string> {
  const teams = await listTeams(db, scope);
  const params: ExportParams = {
    scope: {
      kind: "orgTree",
      orgTreeName: teams[0]!.orgTree,
      orgIdentifier: scope.org,
      projectIdentifier: scope.project,
    },
    dateRange: { start: "2025-01-01", end: "2026-05-31" },
    metricGroups: ["lttc", "deployment_frequency", "cfr", "mttr", "work_items", "rating", "summary"],
    metrics: null,
    granularity: "MONTHLY",
    aggregation: "median",
    compression: "none",
    format: "csv",
    timezone: "UTC",
    benchmark: "sei",
  };
  const records = await projectRecords(db, scope, recordsNeeded(params));
  return [...exportCsvChunks(computeExportFromRecords(teams, records, params))].join("");
}

async function send(kind: IngestKind, items: unknown[]) {
  const result = await ingest(db, EDGE, kind, { items });
  if (!result.ok) throw new Error(JSON.stringify(result.details));
}

const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 0, day, hour)).toISOString();
const pr = (id: string, merged: number | null, extra: object = {}) => ({
  id,
  teamId: "a",
  repository: "web",
  firstCommitAt: at(1),
  openedAt: at(2),
  ...(merged === null ? {} : { mergedAt: at(merged), mergeCommitSha: `sha-${id}` }),
  ...extra,
});
const dep = (id: string, day: number, extra: object = {}) => ({
  id,
  teamId: "a",
  environment: "production",
  status: "success",
  finishedAt: at(day),
  ...extra,
});

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-project-records-"));
  db = await openTestStore(path.join(dir, "store.db"));
  await ingestOrg(db, DEMO, demoOrg(new Date(Date.UTC(2026, 5, 1))));

  // Each linking rule at its edges.
  await send("teams", [
    { id: "a", name: "A", orgTree: "Eng" },
    { id: "b", name: "B", orgTree: "Eng", parentId: "a" },
  ]);
  await send("work-items", [
    { id: "w1", teamId: "b", createdAt: at(1), resolvedAt: at(9) }, // another team's item, named by a's PR
    { id: "w2", teamId: "a", createdAt: at(1), resolvedAt: at(9) }, // named by no PR
    { id: "w3", teamId: "a", createdAt: at(1) }, // unresolved
  ]);
  await send("pull-requests", [
    pr("p1", 3, { workItemId: "w1" }), // listed by id (day 10) and by sha (day 8): the earlier wins
    pr("p2", 3), // listed by sha only, by a failed and a staging deployment too
    pr("p3", 5, { repository: "api" }), // unlisted deployments of api: day 4 is before the merge, day 6 after
    pr("p4", 5, { repository: "api", mergeCommitSha: "shared" }), // build at a sha another repository also built
    pr("p5", null), // unmerged: never linked, even when listed
    pr("p6", 3, { repository: "docs" }), // no deployment at all
    pr("p7", 5, { firstCommitAt: at(6), openedAt: at(4) }), // times out of order: made monotone
  ]);
  await send("builds", [
    { id: "b1", repository: "web", commitSha: "sha-p1", finishedAt: at(4), status: "success" },
    { id: "b2", repository: "web", commitSha: "sha-p1", finishedAt: at(3, 12), status: "failure" },
    { id: "b3", repository: "web", commitSha: "sha-p1", finishedAt: at(5), status: "success" },
    { id: "b4", repository: "web", commitSha: "shared", finishedAt: at(2), status: "success" },
    { id: "b5", repository: "api", commitSha: "shared", finishedAt: at(6), status: "success" },
  ]);
  await send("deployments", [
    dep("d1", 10, { pullRequestIds: ["p1", "p5"] }),
    dep("d2", 8, { commitShas: ["sha-p1", "sha-p2", "sha-p7"] }),
    dep("d3", 4, { status: "failure", commitShas: ["sha-p2"] }),
    dep("d4", 4, { environment: "staging", commitShas: ["sha-p2"] }),
    dep("d5", 4, { repository: "api" }),
    dep("d6", 6, { repository: "api", environment: "PROD", service: "checkout" }),
    dep("d7", 7, { repository: "api", environment: "Production", teamId: "b" }),
    dep("d8", 20, { environment: "staging" }),
  ]);
  await send("incidents", [
    { id: "i1", teamId: "a", openedAt: at(7), resolvedAt: at(8) }, // links to the latest before it: d6
    { id: "i2", teamId: "b", openedAt: at(30), deploymentId: "d8" }, // names a staging deployment: no window fallback
    { id: "i3", teamId: "b", openedAt: at(9), resolvedAt: at(8), service: "none" }, // resolved before opened: 0
    // names a's deployment: that one failed, not b's own d7 that the window rule would pick
    { id: "i4", teamId: "b", openedAt: at(8), resolvedAt: at(9), deploymentId: "d2" },
  ]);
});

afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("projectRecords", () => {
  it.each([
    ["the demo organisation", DEMO],
    ["records at each linking rule's edges", EDGE],
  ])("equals the records linked from the loaded dataset for %s", async (_name, scope) => {
    const expected = recordSetsOf(await loadDataset(db, scope));
    const actual = await projectRecords(db, scope, RECORD_KINDS);
    for (const kind of RECORD_KINDS) expect(tuples(actual, kind), kind).toEqual(tuples(expected, kind));
  });

  it("links the edge cases as the rules say", async () => {
    const sets = await projectRecords(db, EDGE, ["lttc", "deployments", "workItems"]);
    const lttc = tuples(sets, "lttc").a!;
    // p1, p2, p3, p4, p7 ship; p5 (unmerged) and p6 (nothing deployed) do not.
    expect(lttc.map((row) => row.split(",")[0])).toEqual(
      [at(6), at(6), at(8), at(8), at(8)].map((iso) => Date.parse(iso).toFixed(9)),
    );
    expect(tuples(sets, "workItems")).toEqual({
      a: [`${Date.parse(at(9)).toFixed(9)},0.000000000`],
      b: [`${Date.parse(at(9)).toFixed(9)},1.000000000`],
    });
    expect(tuples(sets, "deployments").a).toHaveLength(5); // d1, d2, d3, d5, d6: production, any status; not d4, d8 (staging), d7 (b)
  });

  it.each<[string, { org: string; project: string }, string[][]]>([
    [
      "each squad of the demo organisation",
      DEMO,
      [["eng-payments-checkout"], ["eng-payments-billing"], ["plat-infra-storage"]],
    ],
    [
      "a subtree of the demo organisation",
      DEMO,
      [["eng-payments", "eng-payments-checkout", "eng-payments-billing", "eng-payments-fraud"]],
    ],
    // b's incidents name a's deployments; a's incident links by the window rule.
    ["each team of the edge cases", EDGE, [["a"], ["b"]]],
  ])("with teamIds, equals the whole project's records of those teams, for %s", async (_name, scope, scopes) => {
    const all = await projectRecords(db, scope, RECORD_KINDS);
    for (const teamIds of scopes) {
      const some = await projectRecords(db, scope, RECORD_KINDS, teamIds);
      for (const kind of RECORD_KINDS) {
        const expected = Object.fromEntries(
          Object.entries(tuples(all, kind)).filter(([team]) => teamIds.includes(team)),
        );
        expect(tuples(some, kind), `${teamIds.join(",")} ${kind}`).toEqual(expected);
      }
    }
  });

  // Each change is applied in turn; the links kept by ingestion must follow every one.
  it.each([
    [
      "a listed deployment re-sent as a failure",
      () => send("deployments", [dep("d2", 8, { status: "failure", commitShas: ["sha-p1", "sha-p2", "sha-p7"] })]),
    ],
    ["an unlisted deployment deleted", () => deleteRecord(db, EDGE, "deployments", "d5")],
    [
      "an unlisted deployment added between two others",
      () => send("deployments", [dep("d9", 5, { repository: "api", finishedAt: at(5, 12) })]),
    ],
    ["the earliest unlisted deployment moved later", () => send("deployments", [dep("d6", 9, { repository: "api" })])],
    [
      "a deployment's lists changed",
      () => send("deployments", [dep("d1", 10, { commitShas: ["sha-p6"], repository: "docs" })]),
    ],
    [
      "a build re-sent at another commit",
      () =>
        send("builds", [{ id: "b1", repository: "web", commitSha: "sha-p2", finishedAt: at(4), status: "success" }]),
    ],
    ["a build deleted", () => deleteRecord(db, EDGE, "builds", "b3")],
    [
      "a work item re-created earlier",
      () => send("work-items", [{ id: "w1", teamId: "b", createdAt: at(0), resolvedAt: at(9) }]),
    ],
    ["a work item deleted", () => deleteRecord(db, EDGE, "work-items", "w1")],
    [
      "a PR re-sent naming another work item, merged later",
      () => send("pull-requests", [pr("p3", 6, { repository: "api", workItemId: "w2" })]),
    ],
    ["a PR re-sent unmerged", () => send("pull-requests", [pr("p2", null)])],
    ["a PR deleted", () => deleteRecord(db, EDGE, "pull-requests", "p4")],
  ])("stays equal to the loaded dataset's records after %s", async (_name, change) => {
    await change();
    const expected = recordSetsOf(await loadDataset(db, EDGE));
    const actual = await projectRecords(db, EDGE, RECORD_KINDS);
    for (const kind of RECORD_KINDS) expect(tuples(actual, kind), kind).toEqual(tuples(expected, kind));
  });

  // SQLite's rowids; a PostgreSQL table has none, and its VACUUM moves no row's key.
  it.skipIf(testDialect() === "postgres")(
    "give the same CSV after a VACUUM (which may renumber the rowids of a table without an integer key)",
    async () => {
      // Gaps in the row ids, so that a VACUUM has something to renumber.
      const first = await db
        .selectFrom("pull_requests")
        .select("id")
        .where("org_id", "=", DEMO.org)
        .orderBy(sql`rowid`)
        .limit(20)
        .execute();
      for (const { id } of first.filter((_, i) => i % 2 === 0)) await deleteRecord(db, DEMO, "pull-requests", id);
      const csv = await exportCsv(DEMO);
      await sql`VACUUM`.execute(db);
      expect(await exportCsv(DEMO)).toBe(csv);
      expect(csv.split("\n").length).toBeGreaterThan(100);
    },
  );

  it("returns only the kinds asked for", async () => {
    const sets = await projectRecords(db, EDGE, ["incidents"]);
    expect(Object.keys(sets)).toEqual(["incidents"]);
  });
});
