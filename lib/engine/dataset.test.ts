import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/store/db";
import { openTestStore } from "@/lib/store/testing/test-store";
import { loadDataset } from "./dataset";
import { ingest, type IngestKind } from "./ingest";

const S = { org: "acme", project: "web" };
const T = (iso: string) => Date.parse(iso);
let db: Store;

beforeEach(async () => {
  db = await openTestStore();
  await send("teams", [
    { id: "a", name: "A", orgTree: "Eng", refId: 1 },
    { id: "b", name: "B", orgTree: "Eng", parentId: "a" },
  ]);
});
afterEach(async () => {
  await db.destroy();
});

async function send(kind: IngestKind, items: unknown[]) {
  const result = await ingest(db, S, kind, { items });
  if (!result.ok) throw new Error(JSON.stringify(result.details));
}

const dep = (id: string, teamId: string, environment: string, status: string, finishedAt: string, extra = {}) => ({
  id,
  teamId,
  environment,
  status,
  finishedAt,
  ...extra,
});

async function seed() {
  await send("work-items", [
    { id: "wa", teamId: "a", key: "PAY-1", createdAt: "2026-01-01T09:00:00+01:00", resolvedAt: "2026-01-09T00:00:00Z" },
    { id: "wb", teamId: "b", createdAt: "2026-01-02T00:00:00Z" },
  ]);
  await send("pull-requests", [
    {
      id: "pa",
      teamId: "a",
      repository: "web",
      firstCommitAt: "2026-01-03T00:00:00Z",
      openedAt: "2026-01-03T01:00:00Z",
      mergedAt: "2026-01-04T00:00:00Z",
      mergeCommitSha: "s1",
      workItemId: "wb",
    },
    {
      id: "pb",
      teamId: "b",
      repository: "api",
      firstCommitAt: "2026-01-03T00:00:00Z",
      openedAt: "2026-01-03T01:00:00Z",
      workItemId: "wa",
    },
    {
      id: "pb2",
      teamId: "b",
      repository: "api",
      firstCommitAt: "2026-01-03T00:00:00Z",
      openedAt: "2026-01-03T01:00:00Z",
    },
  ]);
  await send("builds", [
    { id: "b1", repository: "web", commitSha: "s1", finishedAt: "2026-01-04T01:00:00Z", status: "Success" },
    { id: "b2", repository: "other", commitSha: "s9", finishedAt: "2026-01-04T01:00:00Z", status: "failure" },
  ]);
  await send("deployments", [
    dep("da", "a", "prod", "success", "2026-01-05T00:00:00Z", {
      pullRequestIds: ["pa"],
      service: "pay",
      startedAt: "2026-01-04T23:00:00Z",
    }),
    dep("db-prod", "b", "Production", "success", "2026-01-05T00:00:00Z", { commitShas: ["s1"], repository: "web" }),
    dep("db-stage", "b", "staging", "success", "2026-01-05T00:00:00Z"),
    dep("db-fail", "b", "prod", "failure", "2026-01-05T00:00:00Z"),
    dep("da-late", "a", "prod", "success", "2026-03-01T00:00:00Z"),
  ]);
  await send("incidents", [
    {
      id: "ia",
      teamId: "a",
      openedAt: "2026-01-06T00:00:00Z",
      resolvedAt: "2026-01-06T02:00:00Z",
      service: "pay",
      deploymentId: "db-fail",
    },
    { id: "ia-old", teamId: "a", openedAt: "2025-06-01T00:00:00Z", resolvedAt: "2025-06-02T00:00:00Z" },
    // b's incident blames a's deployment: it makes that deployment a failure in a's figures.
    { id: "ib-on-a", teamId: "b", openedAt: "2026-01-20T06:00:00Z", deploymentId: "da" },
  ]);
}

const ids = (records: readonly { id: string }[]) => records.map((r) => r.id).sort();

describe("loadDataset", () => {
  it("returns what was ingested, in the plain types", async () => {
    await seed();
    const ds = await loadDataset(db, S);
    expect(ds.teams).toEqual([
      { id: "a", name: "A", orgTree: "Eng", refId: 1, parentId: null },
      { id: "b", name: "B", orgTree: "Eng", refId: 2, parentId: "a" },
    ]);
    expect(ds.workItems.find((w) => w.id === "wa")).toEqual({
      id: "wa",
      teamId: "a",
      key: "PAY-1",
      createdAt: T("2026-01-01T08:00:00Z"),
      startedAt: null,
      resolvedAt: T("2026-01-09T00:00:00Z"),
    });
    expect(ds.pullRequests.find((p) => p.id === "pb")).toEqual({
      id: "pb",
      teamId: "b",
      repository: "api",
      firstCommitAt: T("2026-01-03T00:00:00Z"),
      openedAt: T("2026-01-03T01:00:00Z"),
      mergedAt: null,
      mergeCommitSha: null,
      workItemId: "wa",
    });
    expect(ds.builds.find((b) => b.id === "b1")).toEqual({
      id: "b1",
      repository: "web",
      commitSha: "s1",
      finishedAt: T("2026-01-04T01:00:00Z"),
      status: "success",
      startedAt: null,
    });
    expect(ds.deployments.find((d) => d.id === "da")).toEqual({
      id: "da",
      teamId: "a",
      environment: "prod",
      status: "success",
      finishedAt: T("2026-01-05T00:00:00Z"),
      service: "pay",
      repository: null,
      startedAt: T("2026-01-04T23:00:00Z"),
      pullRequestIds: ["pa"],
      commitShas: [],
    });
    expect(ds.incidents.find((i) => i.id === "ia")).toEqual({
      id: "ia",
      teamId: "a",
      openedAt: T("2026-01-06T00:00:00Z"),
      resolvedAt: T("2026-01-06T02:00:00Z"),
      service: "pay",
      deploymentId: "db-fail",
    });
    expect(ids(ds.deployments)).toHaveLength(5);
  });

  it("narrowed to teams, keeps what their figures link to across teams", async () => {
    await seed();
    const ds = await loadDataset(db, S, { teamIds: ["a"] });
    expect(ds.teams).toHaveLength(2);
    expect(ids(ds.pullRequests)).toEqual(["pa", "pb"]); // pb names a's work item
    expect(ids(ds.workItems)).toEqual(["wa", "wb"]); // wb is named by a's PR
    expect(ids(ds.builds)).toEqual(["b1"]); // builds of the repositories of the loaded PRs
    // b's successful production deployment can ship a's PRs; b's failed one is named by a's incident.
    expect(ids(ds.deployments)).toEqual(["da", "da-late", "db-fail", "db-prod"]);
    expect(ids(ds.incidents)).toEqual(["ia", "ia-old", "ib-on-a"]);
  });

  it("narrowed to no teams, loads only teams and other teams' production deployments", async () => {
    await seed();
    const ds = await loadDataset(db, S, { teamIds: [] });
    expect([ds.pullRequests, ds.workItems, ds.incidents, ds.builds].map((x) => x.length)).toEqual([0, 0, 0, 0]);
    expect(ids(ds.deployments)).toEqual(["da", "da-late", "db-prod"]);
  });

  it("with a time range, drops only deployments and incidents that cannot touch it", async () => {
    await seed();
    const ds = await loadDataset(db, S, { from: T("2026-01-01T00:00:00Z"), to: T("2026-02-01T00:00:00Z") });
    expect(ids(ds.deployments)).not.toContain("da-late");
    expect(ids(ds.deployments)).toHaveLength(4);
    expect(ids(ds.incidents)).toEqual(["ia", "ib-on-a"]);
    expect(ids(ds.pullRequests)).toHaveLength(3);
    const wide = await loadDataset(db, S, { to: T("2026-02-22T00:00:01Z") });
    expect(ids(wide.deployments)).toContain("da-late"); // within 7 days after the range
  });
});
