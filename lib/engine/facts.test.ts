import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploymentFailures, linkRecoveries } from "@/lib/dora/recoveries";
import {
  isSuccessfulProduction,
  linkIncidentDeployments,
  linksPullRequest,
  makeDeploymentLinker,
} from "@/lib/dora/linking";
import type { Dataset } from "@/lib/dora/figures/types";
import { demoOrg, ingestOrg } from "@/lib/demo";
import type { Store } from "@/lib/store/db";
import { openTestStore } from "@/lib/store/testing/test-store";
import { loadDataset } from "./dataset";
import { itemsOf } from "./behind/items";
import { factsCurrent, refreshFacts } from "./facts";
import { ingest, type IngestKind } from "./ingest";

// The deployment facts the store derives must be those lib/dora's rules give on the loaded dataset,
// row for row: on the demo organisation, and on records made to meet the rules at their edges.

const DEMO = { org: "demo", project: "demo" };
const EDGE = { org: "edge", project: "web" };
let dir: string;
let db: Store;

const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();

function expected(ds: Dataset) {
  const { deployments, incidents } = ds;
  const linked = linkIncidentDeployments(incidents, deployments);
  const failed = deploymentFailures(deployments, incidents);
  const recovery = linkRecoveries(deployments, failed);
  // Each merged PR's deployment: of those linking it that finished at its t5, the smallest id.
  const t5 = makeDeploymentLinker(deployments);
  const atInstant = new Map<number, typeof deployments>();
  for (const d of deployments) atInstant.set(d.finishedAt, [...(atInstant.get(d.finishedAt) ?? []), d]);
  const shipping = new Set<string>();
  for (const pr of ds.pullRequests) {
    const t = t5(pr);
    if (Number.isNaN(t)) continue;
    const ids = atInstant
      .get(t)!
      .filter((d) => linksPullRequest(d, pr))
      .map((d) => d.id)
      .sort();
    shipping.add(ids[0]!);
  }
  return {
    links: sorted(incidents.flatMap((inc, i) => (linked[i]! >= 0 ? [[inc.id, deployments[linked[i]!]!.id]] : []))),
    failures: sorted(
      deployments.flatMap((d, i) =>
        failed[i] === 1 ? [[d.id, d.teamId, d.finishedAt, deployments[recovery[i]!]?.id ?? null]] : [],
      ),
    ),
    unshipped: sorted(deployments.filter((d) => isSuccessfulProduction(d) && !shipping.has(d.id)).map((d) => d.id)),
  };
}

async function stored(scope: { org: string; project: string }) {
  const { org, project } = scope;
  const links = await db
    .selectFrom("incident_links")
    .select(["incident_id", "deployment_id"])
    .where("org_id", "=", org)
    .where("project_id", "=", project)
    .execute();
  const failures = await db
    .selectFrom("deployment_failures")
    .selectAll()
    .where("org_id", "=", org)
    .where("project_id", "=", project)
    .execute();
  const unshipped = await db
    .selectFrom("deployments_without_changes")
    .select("deployment_id")
    .where("org_id", "=", org)
    .where("project_id", "=", project)
    .execute();
  return {
    links: sorted(links.map((r) => [r.incident_id, r.deployment_id])),
    failures: sorted(failures.map((r) => [r.deployment_id, r.team_id, Number(r.finished_at), r.recovery_id])),
    unshipped: sorted(unshipped.map((r) => r.deployment_id)),
  };
}

async function send(kind: IngestKind, items: unknown[]) {
  const result = await ingest(db, EDGE, kind, { items });
  if (!result.ok) throw new Error(JSON.stringify(result.details));
}

const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 0, day, hour)).toISOString();
const dep = (id: string, day: number, extra: object = {}) => ({
  id,
  teamId: "a",
  environment: "production",
  status: "success",
  finishedAt: at(day),
  ...extra,
});
const pr = (id: string, merged: number, extra: object = {}) => ({
  id,
  teamId: "a",
  repository: "web",
  firstCommitAt: at(1),
  openedAt: at(1),
  mergedAt: at(merged),
  mergeCommitSha: `sha-${id}`,
  ...extra,
});

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fourfold-facts-"));
  db = await openTestStore(path.join(dir, "store.db"));
  await ingestOrg(db, DEMO, demoOrg(new Date(Date.UTC(2026, 5, 1))));
  await send("teams", [
    { id: "a", name: "A", orgTree: "Eng" },
    { id: "b", name: "B", orgTree: "Eng", parentId: "a" },
  ]);
  await send("pull-requests", [
    pr("p1", 2),
    pr("p2", 2),
    pr("p3", 2, { repository: "api" }),
    pr("p4", 8, { repository: "api" }),
    pr("p5", 2, { teamId: "b" }),
  ]);
  await send("deployments", [
    // Same instant, both listing p1: p1 is x1's (the smaller id); x2 also ships p2.
    dep("x2", 3, { pullRequestIds: ["p1", "p2"] }),
    dep("x1", 3, { pullRequestIds: ["p1"] }),
    // Same instant again: y1 ships nothing (p1 shipped on day 3), y2 ships p3 by repository.
    dep("y1", 5, { pullRequestIds: ["p1"] }),
    dep("y2", 5, { repository: "api" }),
    dep("z", 6, { teamId: "b", commitShas: ["sha-p5"], service: "pay" }),
    // A failure, the next success is hit by an incident, then a recovery of both.
    dep("f", 7, { status: "failure", service: "pay", teamId: "b" }),
    dep("hit", 7, { service: "pay", teamId: "b", finishedAt: at(7, 12) }),
    // Lists nothing: ships p4, the api PR merged after y2.
    dep("r", 9, { service: "pay", teamId: "b", repository: "api" }),
    dep("stg", 9, { environment: "staging", repository: "api" }),
  ]);
  await send("incidents", [
    { id: "i1", teamId: "b", openedAt: at(7, 13), service: "pay" },
    { id: "i2", teamId: "a", openedAt: at(20), deploymentId: "stg" },
    { id: "i3", teamId: "a", openedAt: at(20) },
  ]);
}, 120_000);

afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("deployment facts (migration 010)", () => {
  it.each([
    ["the demo organisation", DEMO],
    ["the rules at their edges", EDGE],
  ])("%s: as lib/dora derives them", async (_name, scope) => {
    await refreshFacts(db, scope);
    expect(await stored(scope)).toEqual(expected(await loadDataset(db, scope)));
  });

  it("the edges, by hand", async () => {
    await refreshFacts(db, EDGE);
    const facts = await stored(EDGE);
    // y1 lists only p1, shipped on day 3; hit lists nothing and names no repository.
    expect(facts.unshipped).toEqual(sorted(["y1", "hit"]));
    expect(facts.failures).toEqual(
      sorted([
        ["f", "b", Date.parse(at(7)), "r"],
        ["hit", "b", Date.parse(at(7, 12)), "r"],
      ]),
    );
    expect(facts.links).toEqual(
      sorted([
        ["i1", "hit"],
        ["i2", "stg"],
      ]),
    );
  });

  it("are derived again once the data changed, and only then", async () => {
    const version = await refreshFacts(db, EDGE);
    expect(await factsCurrent(db, EDGE)).toBe(true);
    expect(await refreshFacts(db, EDGE)).toBe(version);
    await send("incidents", [{ id: "i4", teamId: "a", openedAt: at(3, 1) }]);
    expect(await factsCurrent(db, EDGE)).toBe(false);
    expect(await refreshFacts(db, EDGE)).toBeGreaterThan(version);
    const facts = await stored(EDGE);
    // i4 links to x2 (the later id of the two latest before it), which becomes a failure.
    expect(facts.links).toContain(JSON.stringify(["i4", "x2"]));
    expect(facts.failures.some((f) => f.startsWith('["x2"'))).toBe(true);
    expect(await stored(EDGE)).toEqual(expected(await loadDataset(db, EDGE)));
  });
});

describe("a deployed PR's deployment in its record (spec §9)", () => {
  it("of those linking it that finished first, the smallest id; by list, commit or repository", async () => {
    const items = await itemsOf(db, "lttc", EDGE, ["p1", "p2", "p3", "p4", "p5"]);
    expect(items.map((i) => [i.pullRequestId, i.deploymentId])).toEqual([
      ["p1", "x1"],
      ["p2", "x2"],
      ["p3", "y2"],
      ["p4", "r"],
      ["p5", "z"],
    ]);
  });
});
