import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/store/db";
import { openTestStore } from "@/lib/store/testing/test-store";
import { listTeams } from "./dataset";
import { recordsFor, type Defer } from "./figure-records";
import { deleteRecord, ingest, type IngestKind } from "./ingest";

const S = { org: "acme", project: "web" };
const T = (iso: string) => Date.parse(iso);
let db: Store;

async function send(kind: IngestKind, items: unknown[], store: Store = db) {
  const result = await ingest(store, S, kind, { items });
  if (!result.ok) throw new Error(JSON.stringify(result.details));
}

const deployment = (id: string, finishedAt: string, pullRequestIds: string[]) => ({
  id,
  teamId: "a",
  environment: "production",
  status: "success",
  finishedAt,
  pullRequestIds,
});

/** The LTTC anchors (t5) of team a, as the export would read them. */
async function anchors(defer?: Defer, store: Store = db): Promise<number[]> {
  const teams = await listTeams(store, S);
  const sets = await recordsFor(store, S, teams, ["a", "b"], ["lttc"], defer);
  const r = sets.lttc?.get("a");
  return r ? [...r.data.subarray(0, r.n)] : [];
}

const storedVersion = async () =>
  (await db.selectFrom("figure_record_versions").select("version").where("org_id", "=", S.org).executeTakeFirst())
    ?.version;

const UNMERGED = {
  id: "p1",
  teamId: "a",
  repository: "web",
  firstCommitAt: "2026-01-01T00:00:00Z",
  openedAt: "2026-01-01T00:00:00Z",
};

/** Teams a and b, PR p1 of team a, and deployment `id` of p1 at `finishedAt`. */
async function seed(store: Store, id: string, finishedAt: string) {
  await send(
    "teams",
    [
      { id: "a", name: "A", orgTree: "Eng" },
      { id: "b", name: "B", orgTree: "Eng", parentId: "a" },
    ],
    store,
  );
  await send("pull-requests", [{ ...UNMERGED, mergedAt: "2026-01-02T00:00:00Z" }], store);
  await send("deployments", [deployment(id, finishedAt, ["p1"])], store);
}

beforeEach(async () => {
  db = await openTestStore();
  await seed(db, "d1", "2026-01-05T00:00:00Z");
});
afterEach(async () => {
  await db.destroy();
});

describe("figure records, kept per data version", () => {
  it("are computed once, stored, and read back while nothing changes", async () => {
    expect(await anchors()).toEqual([T("2026-01-05T00:00:00Z")]);
    const version = await storedVersion();
    expect(version).toBeGreaterThan(0);
    expect(await anchors()).toEqual([T("2026-01-05T00:00:00Z")]);
    expect(await storedVersion()).toBe(version);
  });

  it.each([
    [
      "an earlier deployment of the PR arrives",
      "deployments",
      [deployment("d0", "2026-01-03T00:00:00Z", ["p1"])],
      [T("2026-01-03T00:00:00Z")],
    ],
    [
      "the deployment is re-sent as a failure",
      "deployments",
      [{ ...deployment("d1", "2026-01-05T00:00:00Z", ["p1"]), status: "failure" }],
      [],
    ],
    ["the PR is re-sent unmerged", "pull-requests", [UNMERGED], []],
  ] as const)("are computed again when %s", async (_name, kind, items, expected) => {
    await anchors();
    const before = await storedVersion();
    await send(kind, [...items]);
    expect(await anchors()).toEqual(expected);
    expect(await storedVersion()).toBeGreaterThan(before!);
  });

  it("are computed again after a deletion", async () => {
    await anchors();
    expect(await deleteRecord(db, S, "deployments", "d1")).toBe(true);
    expect(await anchors()).toEqual([]);
  });
});

describe("figure records, kept in memory by the worker", () => {
  /** A defer that holds the work, as the worker does until no job has come for a while. */
  function held() {
    const work = new Map<string, () => Promise<void>>();
    const defer: Defer = (key, task) => work.set(key, task);
    return { work, defer };
  }

  it("serve the next export before they are stored", async () => {
    const { work, defer } = held();
    expect(await anchors(defer)).toEqual([T("2026-01-05T00:00:00Z")]);
    expect(work.size).toBe(1);
    expect(await storedVersion()).toBeUndefined();
    // Rows removed behind the engine's back (no new data version): only the memory still has them.
    await db.deleteFrom("deployments").execute();
    expect(await anchors(defer)).toEqual([T("2026-01-05T00:00:00Z")]);
    expect(work.size).toBe(1);
    await [...work.values()][0]!();
    expect(await storedVersion()).toBeGreaterThan(0);
  });

  it("are not used once the data changed, and the newer store replaces the waiting one", async () => {
    const { work, defer } = held();
    await anchors(defer);
    const first = [...work.values()][0]!;
    await send("deployments", [deployment("d0", "2026-01-03T00:00:00Z", ["p1"])]);
    expect(await anchors(defer)).toEqual([T("2026-01-03T00:00:00Z")]);
    expect(work.size).toBe(1);
    const second = [...work.values()][0]!;
    expect(second).not.toBe(first);
    await second();
    expect(await anchors()).toEqual([T("2026-01-03T00:00:00Z")]);
  });

  it("belong to their store: another store with the same project and version has its own", async () => {
    const { defer } = held();
    expect(await anchors(defer)).toEqual([T("2026-01-05T00:00:00Z")]);
    const other = await openTestStore();
    try {
      await seed(other, "d9", "2026-01-09T00:00:00Z");
      const version = (store: Store) =>
        store.selectFrom("data_versions").select("version").where("project_id", "=", S.project).executeTakeFirst();
      expect(await version(other)).toEqual(await version(db));
      expect(await anchors(defer, other)).toEqual([T("2026-01-09T00:00:00Z")]);
    } finally {
      await other.destroy();
    }
  });
});
