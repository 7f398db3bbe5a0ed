import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RECORD_COLS, RECORD_KINDS, recordSetsOf, type RecordKind, type RecordSets } from "@/lib/dora/figures/records";
import type { Store } from "@/lib/store/db";
import { openTestStore } from "@/lib/store/testing/test-store";
import { loadDataset } from "./dataset";
import { Rng } from "@/lib/demo";
import { deleteRecord, ingest, type IngestKind } from "./ingest";
import { projectRecords } from "./project-records";

// The links the store keeps at ingestion (lib/store/record-links.ts) against the rules of
// lib/dora/linking.ts applied to the whole dataset, on seeded random histories of upserts and
// deletions over small pools of ids, repositories, shas and instants, so that every rule meets
// ties, replacements and removals.

let dir: string;
let db: Store;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-record-links-"));
  db = await openTestStore(path.join(dir, "store.db"));
});

afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

function tuples(sets: RecordSets, kind: RecordKind): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [team, r] of sets[kind] ?? new Map()) {
    const rows: string[] = [];
    for (let i = 0; i < r.n; i++) {
      const row = [r.data[i]!];
      for (let c = 1; c <= RECORD_COLS[kind]; c++) row.push(r.data[c * r.n + i]!);
      rows.push(row.map((v) => (Number.isNaN(v) ? "NaN" : v.toFixed(6))).join(","));
    }
    out[team] = rows.sort();
  }
  return out;
}

const KINDS: Exclude<IngestKind, "teams">[] = ["work-items", "pull-requests", "builds", "deployments", "incidents"];
const POOL = 8;

/** A random record of `kind` with an id from a small pool, so that later ones replace earlier ones. */
function randomItem(rng: Rng, kind: IngestKind, id: string): Record<string, unknown> {
  const pick = <T>(values: readonly T[]): T => values[rng.int(0, values.length - 1)]!;
  // Few distinct instants (6-hour steps over 10 days), so that ties happen.
  const when = () => new Date(Date.UTC(2026, 0, 1) + rng.int(0, 40) * 6 * 3_600_000).toISOString();
  const maybe = (p: number, value: unknown) => (rng.chance(p) ? value : undefined);
  const team = pick(["a", "b"]);
  const repository = pick(["r1", "r2", "r3"]);
  // Shas that share their first 8 characters, the key of the index PRs are found by (migration 014):
  // a lookup must still compare them whole.
  const sha = () => `0000000000${pick(["s1", "s2", "s3", "s4", "s5", "s6"])}`;
  const some = (make: () => string) => Array.from({ length: rng.int(0, 2) }, make);
  switch (kind) {
    case "work-items":
      return { id, teamId: team, createdAt: when(), resolvedAt: maybe(0.7, when()) };
    case "pull-requests":
      return {
        id,
        teamId: team,
        repository,
        firstCommitAt: when(),
        openedAt: when(),
        ...(rng.chance(0.8) ? { mergedAt: when(), mergeCommitSha: maybe(0.9, sha()) } : {}),
        workItemId: maybe(0.6, `w${rng.int(0, POOL)}`),
      };
    case "builds":
      return { id, repository, commitSha: sha(), finishedAt: when(), status: pick(["success", "success", "failure"]) };
    case "deployments":
      return {
        id,
        teamId: team,
        environment: pick(["production", "Prod", "staging"]),
        status: pick(["success", "success", "failure"]),
        finishedAt: when(),
        repository: maybe(0.7, repository),
        service: maybe(0.5, pick(["s", "t"])),
        pullRequestIds: maybe(
          0.5,
          some(() => `p${rng.int(0, POOL)}`),
        ),
        commitShas: maybe(0.4, some(sha)),
      };
    default:
      return {
        id,
        teamId: team,
        openedAt: when(),
        resolvedAt: maybe(0.6, when()),
        service: maybe(0.4, pick(["s", "t"])),
        deploymentId: maybe(0.3, `d${rng.int(0, POOL)}`),
      };
  }
}

const PREFIX: Record<IngestKind, string> = {
  teams: "t",
  "work-items": "w",
  "pull-requests": "p",
  builds: "b",
  deployments: "d",
  incidents: "i",
};

describe("links kept by the store", () => {
  // Seeds 9-12 give every deployment a new id, so each deployment batch is all new (the store then
  // only lowers the t5 of the PRs it reaches); the others mostly replace stored deployments.
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])("equal the rules of lib/dora on random history %i", async (seed) => {
    const rng = new Rng(seed);
    const freshDeployments = seed > 8;
    let fresh = 0;
    const scope = { org: "prop", project: `seed-${seed}` };
    const send = async (kind: IngestKind, items: unknown[]) => {
      const result = await ingest(db, scope, kind, { items });
      if (!result.ok) throw new Error(JSON.stringify(result.details));
    };
    await send("teams", [
      { id: "a", name: "A", orgTree: "Eng" },
      { id: "b", name: "B", orgTree: "Eng", parentId: "a" },
    ]);
    for (let step = 0; step < 60; step++) {
      const kind = KINDS[rng.int(0, KINDS.length - 1)]!;
      if (rng.chance(0.15)) {
        await deleteRecord(db, scope, kind, `${PREFIX[kind]}${rng.int(0, POOL)}`);
      } else {
        const ids = [
          ...new Set(
            Array.from({ length: rng.int(1, 4) }, () =>
              freshDeployments && kind === "deployments" ? `dn${fresh++}` : `${PREFIX[kind]}${rng.int(0, POOL)}`,
            ),
          ),
        ];
        await send(
          kind,
          ids.map((id) => randomItem(rng, kind, id)),
        );
      }
      if (step % 5 === 4) {
        const expected = recordSetsOf(await loadDataset(db, scope));
        const actual = await projectRecords(db, scope, RECORD_KINDS);
        for (const k of RECORD_KINDS) expect(tuples(actual, k), `${k} after step ${step}`).toEqual(tuples(expected, k));
      }
    }
  });
});
